namespace Identity.Storage.OpenIddict;

/// <summary>An issued token's record (status, redemption, reference id and payload of reference tokens), as stored.</summary>
internal sealed class IdentityToken
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");
    public string? ApplicationId { get; set; }
    public string? AuthorizationId { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public DateTimeOffset? ExpirationDate { get; set; }
    public string? Payload { get; set; }
    public string? Properties { get; set; }
    public DateTimeOffset? RedemptionDate { get; set; }
    public string? ReferenceId { get; set; }
    public string? Status { get; set; }
    public string? Subject { get; set; }
    public string? Type { get; set; }
    public string? ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("n");

    public static TableMap<IdentityToken> Map { get; } = new("tokens",
        new("id", e => e.Id, (e, v) => e.Id = (string)v!),
        new("application_id", e => e.ApplicationId, (e, v) => e.ApplicationId = (string?)v),
        new("authorization_id", e => e.AuthorizationId, (e, v) => e.AuthorizationId = (string?)v),
        new("creation_date", e => e.CreationDate, (e, v) => e.CreationDate = (DateTimeOffset?)v, IsTime: true),
        new("expiration_date", e => e.ExpirationDate, (e, v) => e.ExpirationDate = (DateTimeOffset?)v, IsTime: true),
        new("payload", e => e.Payload, (e, v) => e.Payload = (string?)v),
        new("properties", e => e.Properties, (e, v) => e.Properties = (string?)v),
        new("redemption_date", e => e.RedemptionDate, (e, v) => e.RedemptionDate = (DateTimeOffset?)v, IsTime: true),
        new("reference_id", e => e.ReferenceId, (e, v) => e.ReferenceId = (string?)v),
        new("status", e => e.Status, (e, v) => e.Status = (string?)v),
        new("subject", e => e.Subject, (e, v) => e.Subject = (string?)v),
        new("type", e => e.Type, (e, v) => e.Type = (string?)v),
        new("concurrency_token", e => e.ConcurrencyToken, (e, v) => e.ConcurrencyToken = (string?)v));
}

namespace Identity.Storage.OpenIddict;

/// <summary>A person's grant to an application (what they consented to), as stored.</summary>
internal sealed class IdentityAuthorization
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");
    public string? ApplicationId { get; set; }
    public DateTimeOffset? CreationDate { get; set; }
    public string? Properties { get; set; }
    public string? Scopes { get; set; }
    public string? Status { get; set; }
    public string? Subject { get; set; }
    public string? Type { get; set; }
    public string? ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("n");

    public static TableMap<IdentityAuthorization> Map { get; } = new("authorizations",
        new("id", e => e.Id, (e, v) => e.Id = (string)v!),
        new("application_id", e => e.ApplicationId, (e, v) => e.ApplicationId = (string?)v),
        new("creation_date", e => e.CreationDate, (e, v) => e.CreationDate = (DateTimeOffset?)v, IsTime: true),
        new("properties", e => e.Properties, (e, v) => e.Properties = (string?)v),
        new("scopes", e => e.Scopes, (e, v) => e.Scopes = (string?)v),
        new("status", e => e.Status, (e, v) => e.Status = (string?)v),
        new("subject", e => e.Subject, (e, v) => e.Subject = (string?)v),
        new("type", e => e.Type, (e, v) => e.Type = (string?)v),
        new("concurrency_token", e => e.ConcurrencyToken, (e, v) => e.ConcurrencyToken = (string?)v));
}

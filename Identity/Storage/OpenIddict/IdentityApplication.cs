namespace Identity.Storage.OpenIddict;

/// <summary>A registered application (OAuth client) as stored; lists and maps are JSON text.</summary>
internal sealed class IdentityApplication
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? ClientType { get; set; }
    public string? ApplicationType { get; set; }
    public string? ConsentType { get; set; }
    public string? DisplayName { get; set; }
    public string? DisplayNames { get; set; }
    public string? JsonWebKeySet { get; set; }
    public string? Permissions { get; set; }
    public string? PostLogoutRedirectUris { get; set; }
    public string? RedirectUris { get; set; }
    public string? Requirements { get; set; }
    public string? Settings { get; set; }
    public string? Properties { get; set; }
    public string? ConcurrencyToken { get; set; } = Guid.NewGuid().ToString("n");

    public static TableMap<IdentityApplication> Map { get; } = new("applications",
        new("id", e => e.Id, (e, v) => e.Id = (string)v!),
        new("client_id", e => e.ClientId, (e, v) => e.ClientId = (string?)v),
        new("client_secret", e => e.ClientSecret, (e, v) => e.ClientSecret = (string?)v),
        new("client_type", e => e.ClientType, (e, v) => e.ClientType = (string?)v),
        new("application_type", e => e.ApplicationType, (e, v) => e.ApplicationType = (string?)v),
        new("consent_type", e => e.ConsentType, (e, v) => e.ConsentType = (string?)v),
        new("display_name", e => e.DisplayName, (e, v) => e.DisplayName = (string?)v),
        new("display_names", e => e.DisplayNames, (e, v) => e.DisplayNames = (string?)v),
        new("json_web_key_set", e => e.JsonWebKeySet, (e, v) => e.JsonWebKeySet = (string?)v),
        new("permissions", e => e.Permissions, (e, v) => e.Permissions = (string?)v),
        new("post_logout_redirect_uris", e => e.PostLogoutRedirectUris, (e, v) => e.PostLogoutRedirectUris = (string?)v),
        new("redirect_uris", e => e.RedirectUris, (e, v) => e.RedirectUris = (string?)v),
        new("requirements", e => e.Requirements, (e, v) => e.Requirements = (string?)v),
        new("settings", e => e.Settings, (e, v) => e.Settings = (string?)v),
        new("properties", e => e.Properties, (e, v) => e.Properties = (string?)v),
        new("concurrency_token", e => e.ConcurrencyToken, (e, v) => e.ConcurrencyToken = (string?)v));
}

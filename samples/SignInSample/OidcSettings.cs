namespace SignInSample;

/// <summary>Section <c>Oidc</c>: the provider and this application's registration there.</summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer, e.g. https://idp.city.example/.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>The audience this application's API accepts in access tokens (one of the registration's audiences).</summary>
    public string Audience { get; set; } = "";

    /// <summary>A PEM file of the CA certificates the provider's TLS certificate chains to, when they are not trusted machine-wide.</summary>
    public string? TrustedCaFile { get; set; }
}

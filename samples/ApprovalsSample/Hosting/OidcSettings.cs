namespace ApprovalsSample.Hosting;

/// <summary>Section <c>Oidc</c>: the platform's identity provider and this application's registration there.</summary>
public sealed class OidcSettings
{
    /// <summary>The provider's issuer, e.g. https://idp.city.example/.</summary>
    public string Authority { get; set; } = "";

    /// <summary>The client id the platform registered this application under.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The client secret the registration answered with.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// A PEM file of the CA certificates the platform's TLS certificates chain to, when they are not
    /// trusted machine-wide; trusted for the provider, the gateway and its key set.
    /// </summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>What is wrong with these settings; empty when nothing is.</summary>
    public IEnumerable<string> Validate()
    {
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            yield return "Oidc:Authority must be the identity provider's https issuer, e.g. https://idp.city.example/.";
        }

        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return "Oidc:ClientId and Oidc:ClientSecret must be this application's registration at the identity provider.";
        }

        if (TrustedCaFile is { Length: > 0 } file && !File.Exists(file))
        {
            yield return $"Oidc:TrustedCaFile names '{file}', which does not exist.";
        }
    }
}

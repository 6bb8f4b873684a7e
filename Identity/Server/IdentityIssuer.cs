namespace Identity.Server;

/// <summary>
/// The issuer the provider names in discovery and in every token. OpenID Connect requires an
/// https issuer whose endpoints are reached over TLS, while <c>Platform:PublicBaseUrl</c> is
/// often the plain-http address written into certificates for CRLs and OCSP (which must not be
/// https). So: <c>Identity:Issuer</c> when set, else the public base URL when it is https, else
/// the first https listener.
/// </summary>
internal static class IdentityIssuer
{
    public static Uri? Resolve(string? configured, string? publicBaseUrl, IEnumerable<string> listenerUrls)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return AsHttps(configured) ?? throw new InvalidOperationException($"Identity:Issuer must be an absolute https URL; '{configured}' is not.");
        }

        return new[] { publicBaseUrl }.Concat(listenerUrls).Select(AsHttps).FirstOrDefault(uri => uri is not null);
    }

    private static Uri? AsHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !IsWildcard(uri.Host) && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/")
            : null;

    // A listener bound to every address names no host a client could use.
    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::" or "*" or "+";
}

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Security;

/// <summary>
/// How callers of the platform's own APIs authenticate: a client certificate of the platform's
/// CA, or a bearer token of its identity provider when that module is composed. One scheme in
/// front of both, so every endpoint's role rule (<see cref="PlatformRoles"/>) applies to either.
/// </summary>
public static class PlatformAuthentication
{
    /// <summary>The default scheme: forwards each request to the certificate or the bearer scheme.</summary>
    public const string SchemeName = "Platform";

    /// <summary>The bearer-token scheme a module registers (and enables in <see cref="PlatformAuthenticationOptions"/>).</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>The certificate scheme.</summary>
    public const string CertificateScheme = ClientCertificateAuthenticationHandler.SchemeName;

    /// <summary>
    /// A request with <c>Authorization: Bearer …</c> goes to the bearer scheme when one is enabled;
    /// every other one to the certificate.
    /// </summary>
    internal static string Select(HttpContext context)
    {
        var bearer = context.RequestServices.GetService<IOptions<PlatformAuthenticationOptions>>()?.Value.BearerTokens == true
            && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        return bearer ? BearerScheme : CertificateScheme;
    }
}

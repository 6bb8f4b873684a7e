using System.Text.Json;
using OpenIddict.Abstractions;

namespace Identity.Clients;

/// <summary>
/// Reads the certificate name registered for a <c>tls_client_auth</c> application. OpenIddict
/// checks that a PKI client certificate chains to a trusted CA, but nothing in its application
/// model says which certificate is the application's: RFC 8705 §2.1.2 says it by one subject
/// DN or one subject alternative name, kept in the application's properties under the RFC's own
/// metadata names, for the token server to compare with the presented certificate.
/// </summary>
internal static class ClientCertificateNames
{
    public const string SubjectDn = "tls_client_auth_subject_dn";
    public const string SanDns = "tls_client_auth_san_dns";
    public const string SanUri = "tls_client_auth_san_uri";
    public const string SanIp = "tls_client_auth_san_ip";
    public const string SanEmail = "tls_client_auth_san_email";

    /// <summary>Every kind, in RFC 8705's order.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [SubjectDn, SanDns, SanUri, SanIp, SanEmail];

    /// <summary>The application's registered certificate name, or null when it has none (it does not use <c>tls_client_auth</c>).</summary>
    public static async ValueTask<ClientCertificateName?> ReadAsync(IOpenIddictApplicationManager manager, object application, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manager);
        var properties = await manager.GetPropertiesAsync(application, cancellationToken);
        foreach (var kind in Kinds)
        {
            if (properties.TryGetValue(kind, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } name)
            {
                return new ClientCertificateName(kind, name);
            }
        }

        return null;
    }
}

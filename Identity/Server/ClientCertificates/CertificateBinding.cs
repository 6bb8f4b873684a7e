using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Platform.Security;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// The check a resource server makes of a certificate-bound access token (RFC 8705 §3): the
/// connection it came on presents the certificate whose <c>x5t#S256</c> the token's <c>cnf</c> names.
/// A token without <c>cnf</c> is a plain bearer token and passes.
/// </summary>
internal static class CertificateBinding
{
    /// <summary>Why the token may not be used on this connection, or null when it may.</summary>
    public static string? Refusal(string? confirmation, X509Certificate2? presented)
    {
        if (string.IsNullOrEmpty(confirmation))
        {
            return null;
        }

        string? expected;
        try
        {
            using var cnf = JsonDocument.Parse(confirmation);
            expected = cnf.RootElement.ValueKind == JsonValueKind.Object && cnf.RootElement.TryGetProperty("x5t#S256", out var x5t)
                && x5t.ValueKind == JsonValueKind.String ? x5t.GetString() : null;
        }
        catch (JsonException)
        {
            expected = null;
        }

        if (expected is null)
        {
            return "its confirmation (cnf) names no certificate this platform binds to.";
        }

        if (presented is null)
        {
            return "it is bound to a client certificate, and the connection presents none.";
        }

        return CertificateThumbprint.Matches(expected, presented)
            ? null
            : "it is bound to another client certificate than the connection presents.";
    }
}

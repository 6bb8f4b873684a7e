using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Platform.Security;

/// <summary>
/// The <c>x5t#S256</c> of a certificate (RFC 8705 §3.1): the base64url SHA-256 of its DER, as a
/// certificate-bound access token's <c>cnf</c> carries it, and the check a resource server makes
/// that the connection presents that certificate.
/// </summary>
public static class CertificateThumbprint
{
    /// <summary>The base64url SHA-256 of <paramref name="certificate"/>'s DER, without padding.</summary>
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Base64Url.EncodeToString(SHA256.HashData(certificate.RawDataMemory.Span));
    }

    /// <summary>True when <paramref name="presented"/> is the certificate <paramref name="expected"/> names (compared in fixed time).</summary>
    public static bool Matches(string expected, X509Certificate2 presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Of(presented)), Encoding.ASCII.GetBytes(expected));
}

using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;

namespace Identity.Server.ClientCertificates;

/// <summary>
/// Whether a client certificate's public key is one the application registered in its JSON Web Key
/// Set, compared by RFC 7638 thumbprint: a renewed certificate with the same key keeps working, one
/// with a new key needs the registration's <c>jwks</c> changed first.
/// </summary>
internal static class CertificateKeyMatch
{
    public static bool IsRegistered(X509Certificate2 certificate, JsonWebKeySet? registered)
    {
        if (registered is null || KeyOf(certificate) is not { } presented)
        {
            return false;
        }

        var thumbprint = presented.ComputeJwkThumbprint();
        return registered.Keys.Any(key => Thumbprint(key) is { } other && other.AsSpan().SequenceEqual(thumbprint));
    }

    private static JsonWebKey? KeyOf(X509Certificate2 certificate)
    {
        if (certificate.GetECDsaPublicKey() is { } ec)
        {
            return JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ec));
        }

        return certificate.GetRSAPublicKey() is { } rsa ? JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa)) : null;
    }

    // A registered key the thumbprint cannot be computed for (a kind the certificate cannot have) matches nothing.
    private static byte[]? Thumbprint(JsonWebKey key)
    {
        try
        {
            return key.ComputeJwkThumbprint();
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

using System.Security.Cryptography;

namespace Platform.Cryptography;

/// <summary>
/// Verifies one signature by any key the platform supports (see <see cref="VerifyingKey"/>).
/// </summary>
public static class SignatureVerifier
{
    /// <summary>
    /// True when the key in <paramref name="issuerSubjectPublicKeyInfo"/> (DER) signed
    /// <paramref name="certificate"/>, under the signature algorithm the certificate names.
    /// </summary>
    public static bool SignedCertificate(ReadOnlySpan<byte> issuerSubjectPublicKeyInfo, Org.BouncyCastle.X509.X509Certificate certificate) =>
        SignatureSchemes.TryFromAlgorithmIdentifier(certificate.CertificateStructure.SignatureAlgorithm, out var scheme)
        && Verify(issuerSubjectPublicKeyInfo, scheme, certificate.GetTbsCertificate(), certificate.GetSignature());

    /// <summary>
    /// True when <paramref name="signature"/> is a valid <paramref name="scheme"/> signature of
    /// <paramref name="data"/> by the key in <paramref name="subjectPublicKeyInfo"/>. Malformed
    /// keys or signatures are simply invalid. The key is imported for this one signature; a key
    /// that verifies many is imported once as a <see cref="VerifyingKey"/>.
    /// </summary>
    public static bool Verify(
        ReadOnlySpan<byte> subjectPublicKeyInfo, SignatureScheme scheme, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        VerifyingKey key;
        try
        {
            key = VerifyingKey.Import(subjectPublicKeyInfo, scheme);
        }
        catch (CryptographicException)
        {
            return false;
        }

        using (key)
        {
            return key.Verify(data, signature);
        }
    }
}

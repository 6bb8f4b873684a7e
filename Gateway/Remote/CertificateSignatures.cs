using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Gateway.Remote;

/// <summary>Whether a CA's key signed a certificate, with the platform's verifier (every algorithm its CAs use, SM2 and Ed25519 included).</summary>
internal static class CertificateSignatures
{
    public static bool SignedBy(X509Certificate certificate, X509Certificate issuer) =>
        SignatureSchemes.TryFromAlgorithmIdentifier(certificate.CertificateStructure.SignatureAlgorithm, out var scheme)
        && SignatureVerifier.Verify(issuer.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded(), scheme, certificate.GetTbsCertificate(), certificate.GetSignature());
}

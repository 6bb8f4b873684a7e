using Org.BouncyCastle.Asn1.X509;

namespace Platform.Cryptography.Cms;

/// <summary>
/// Whom a CMS envelope is encrypted to: a public key, named in the message by its certificate's
/// issuer and serial number when <paramref name="Certificate"/> is given, else by its key identifier
/// (RFC 5280 §4.2.1.2 method 1, SHA-1 of the public key bits).
/// </summary>
/// <param name="PublicKey">The recipient's key: RSA, ECDSA P-256/P-384 or SM2 (<see cref="CmsEnvelopeWriter.CanEncryptTo"/>).</param>
/// <param name="Certificate">The certificate of that key, or null.</param>
public sealed record CmsRecipient(SubjectPublicKeyInfo PublicKey, X509CertificateStructure? Certificate = null)
{
    /// <summary>A recipient named by its certificate, whose key it is.</summary>
    public static CmsRecipient Of(X509CertificateStructure certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new(certificate.SubjectPublicKeyInfo, certificate);
    }
}

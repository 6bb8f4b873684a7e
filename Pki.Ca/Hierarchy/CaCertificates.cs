using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Pki.Ca.Issuance;
using Platform.Cryptography;

namespace Pki.Ca.Hierarchy;

/// <summary>
/// The certificates a CA's key is certified by: a self-signed root, a CA signed by its parent,
/// and the link certificates of a root rollover (RFC 4210 §4.4). One place, so that the
/// bootstrap, key ceremonies and rollovers write the same extensions.
/// </summary>
internal static class CaCertificates
{
    /// <summary>A self-signed root certificate for <paramref name="key"/>.</summary>
    public static X509Certificate Root(ISigningKey key, X509Name subject, DateTimeOffset now, int validityDays)
    {
        var publicKey = SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray());
        return CertificateSigner.Sign(key, subject, subject, SerialNumbers.Next(), now.AddMinutes(-1), now.AddDays(validityDays), publicKey,
            CertificateExtensions.ForCa(publicKey, null, null, null));
    }

    /// <summary>
    /// A CA certificate for <paramref name="publicKey"/> signed by <paramref name="parent"/>, path
    /// length 0 (it signs end entities only), never outliving the parent.
    /// </summary>
    public static X509Certificate Subordinate(
        CertificateAuthority parent, SubjectPublicKeyInfo publicKey, X509Name subject, DateTimeOffset now, int validityDays, PkiUrls urls)
    {
        var notAfter = now.AddDays(validityDays);
        if (notAfter > parent.Certificate.NotAfter)
        {
            notAfter = new DateTimeOffset(parent.Certificate.NotAfter, TimeSpan.Zero);
        }

        return CertificateSigner.Sign(parent.SigningKey, parent.Certificate.SubjectDN, subject, SerialNumbers.Next(), now.AddMinutes(-1), notAfter,
            publicKey, CertificateExtensions.ForCa(publicKey, parent, 0, urls));
    }

    /// <summary>
    /// A link certificate: the key and name of root <paramref name="subject"/> certified by root
    /// <paramref name="signer"/> (NewWithOld when the signer is the old root, OldWithNew when it is
    /// the new one). Valid no longer than either, and a CA certificate without a path length, so
    /// that whatever <paramref name="subject"/> signed verifies under <paramref name="signer"/>.
    /// </summary>
    public static X509Certificate Link(CertificateAuthority signer, CertificateAuthority subject, DateTimeOffset now, PkiUrls urls)
    {
        var publicKey = subject.Certificate.CertificateStructure.SubjectPublicKeyInfo;
        var notAfter = new DateTimeOffset(subject.Certificate.NotAfter < signer.Certificate.NotAfter ? subject.Certificate.NotAfter : signer.Certificate.NotAfter,
            TimeSpan.Zero);
        return CertificateSigner.Sign(signer.SigningKey, signer.Certificate.SubjectDN, subject.Certificate.SubjectDN, SerialNumbers.Next(),
            now.AddMinutes(-1), notAfter, publicKey, CertificateExtensions.ForCa(publicKey, signer, null, urls));
    }
}

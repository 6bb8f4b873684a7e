using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using Platform.Cryptography;

namespace Pki.Ca.Issuance;

/// <summary>Assembles a TBSCertificate and signs it with any <see cref="ISigningKey"/>.</summary>
internal static class CertificateSigner
{
    public static X509Certificate Sign(
        ISigningKey issuerKey,
        X509Name issuer,
        X509Name subject,
        BigInteger serial,
        DateTimeOffset notBefore,
        DateTimeOffset notAfter,
        SubjectPublicKeyInfo publicKey,
        X509Extensions extensions)
    {
        var algorithm = issuerKey.Scheme.AlgorithmIdentifier();
        var tbs = new V3TbsCertificateGenerator();
        tbs.SetSerialNumber(new DerInteger(serial));
        tbs.SetSignature(algorithm);
        tbs.SetIssuer(issuer);
        tbs.SetSubject(subject);
        tbs.SetStartDate(new Time(notBefore.UtcDateTime));
        tbs.SetEndDate(new Time(notAfter.UtcDateTime));
        tbs.SetSubjectPublicKeyInfo(publicKey);
        tbs.SetExtensions(extensions);
        var tbsCertificate = tbs.GenerateTbsCertificate();
        var signature = issuerKey.Sign(tbsCertificate.GetDerEncoded());
        var certificate = new X509CertificateStructure(tbsCertificate, algorithm, new DerBitString(signature));
        return new X509Certificate(certificate);
    }

    /// <summary>RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits.</summary>
    public static byte[] KeyIdentifier(SubjectPublicKeyInfo publicKey) =>
        System.Security.Cryptography.SHA1.HashData(publicKey.PublicKey.GetBytes());
}

using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Pki.Tsa.Authority;

/// <summary>RFC 3161 §2.3: the TSA certificate has exactly one extended key usage, id-kp-timeStamping, marked critical.</summary>
public static class TsaCertificateCheck
{
    /// <summary>Null when fit for time-stamping, otherwise why not.</summary>
    public static string? Problem(X509Certificate certificate, ReadOnlySpan<byte> keySubjectPublicKeyInfo)
    {
        var eku = certificate.CertificateStructure.TbsCertificate.Extensions?.GetExtension(X509Extensions.ExtendedKeyUsage);
        if (eku is null)
        {
            return "it has no extended key usage extension";
        }

        if (!eku.IsCritical)
        {
            return "its extended key usage extension is not critical";
        }

        var purposes = ExtendedKeyUsage.GetInstance(eku.GetParsedValue()).GetAllUsages();
        if (purposes.Count != 1 || !DerObjectIdentifier.GetInstance(purposes[0]).Equals(KeyPurposeID.id_kp_timeStamping))
        {
            return "its extended key usage is not exactly id-kp-timeStamping";
        }

        var usage = certificate.GetKeyUsage();
        if (usage is not null && !usage[0])
        {
            return "its key usage does not include digitalSignature";
        }

        return certificate.CertificateStructure.SubjectPublicKeyInfo.GetDerEncoded().AsSpan().SequenceEqual(keySubjectPublicKeyInfo)
            ? null
            : "it certifies a different key than the TSA's";
    }
}

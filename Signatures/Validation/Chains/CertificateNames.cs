using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Signatures.Validation.Chains;

/// <summary>How reports and checks name certificates.</summary>
internal static class CertificateNames
{
    /// <summary>The common name, or the whole subject when there is none.</summary>
    public static string Short(X509Certificate certificate) =>
        certificate.SubjectDN.GetValueList(X509Name.CN).FirstOrDefault() ?? certificate.SubjectDN.ToString();

    /// <summary>The serial number in lowercase hex.</summary>
    public static string Serial(X509Certificate certificate) => certificate.SerialNumber.ToString(16);
}

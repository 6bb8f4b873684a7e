using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Platform.Security;

/// <summary>
/// What every judge of a client certificate checks the same way, whichever trust it then applies
/// (the CA's repository in process, the platform's CAs and OCSP for a gateway on its own).
/// </summary>
public static class ClientCertificateChecks
{
    /// <summary>The certificate, or null when its DER does not parse.</summary>
    public static X509Certificate? Parse(ReadOnlyMemory<byte> der)
    {
        try
        {
            return new X509Certificate(X509CertificateStructure.GetInstance(Asn1Object.FromByteArray(der.ToArray())));
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Why <paramref name="certificate"/> cannot authenticate a client at <paramref name="now"/> (UTC), or null: out of its validity period, or without clientAuth.</summary>
    public static string? Unusable(X509Certificate certificate, DateTime now)
    {
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            return "The client certificate is not within its validity period.";
        }

        return certificate.GetExtendedKeyUsage() is { } usages && usages.Contains(KeyPurposeID.id_kp_clientAuth)
            ? null
            : "The client certificate does not allow client authentication.";
    }

    /// <summary>The refusal of a certificate that does not parse.</summary>
    public const string Unparsable = "The client certificate does not parse.";
}

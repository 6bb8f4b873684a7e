using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Platform.Cryptography;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// The PKCS#10 request (RFC 2986) an issuing CA sends to a root kept elsewhere: its subject and
/// public key, signed with its own key in the key store (software or HSM, any algorithm, SM2 too).
/// </summary>
internal static class CaCertificationRequest
{
    public static string Pem(ISigningKey key, X509Name subject)
    {
        var info = new CertificationRequestInfo(subject, SubjectPublicKeyInfo.GetInstance(key.SubjectPublicKeyInfo.ToArray()), new DerSet());
        var algorithm = key.Scheme.AlgorithmIdentifier();
        var request = new CertificationRequest(info, algorithm, new DerBitString(key.Sign(info.GetDerEncoded())));
        return PemText.CertificateRequest(request.GetDerEncoded());
    }
}

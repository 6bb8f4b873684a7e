using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;

namespace Pki.Ca.Est;

/// <summary>
/// A certs-only CMS SignedData ("degenerate PKCS#7", RFC 5652 §5 with no signers and no content,
/// RFC 7030 §4.1.3): how EST carries certificates, and what <c>openssl pkcs7 -print_certs</c> reads.
/// </summary>
internal static class CertsOnly
{
    /// <summary>The DER of a ContentInfo holding the certificates (a DER SET: in the order of their encodings).</summary>
    public static byte[] Encode(IEnumerable<byte[]> certificates)
    {
        var certs = new Asn1EncodableVector();
        foreach (var der in certificates)
        {
            certs.Add(Org.BouncyCastle.Asn1.X509.X509CertificateStructure.GetInstance(der));
        }

        var signedData = new SignedData(
            new DerSet(new Asn1EncodableVector()),
            new ContentInfo(CmsObjectIdentifiers.Data, null),
            new DerSet(certs),
            null,
            new DerSet(new Asn1EncodableVector()));
        return new ContentInfo(CmsObjectIdentifiers.SignedData, signedData).GetEncoded(Asn1Encodable.Der);
    }
}

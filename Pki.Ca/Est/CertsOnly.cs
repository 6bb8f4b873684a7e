using System.Formats.Asn1;

namespace Pki.Ca.Est;

/// <summary>
/// A certs-only CMS SignedData ("degenerate PKCS#7", RFC 5652 §5 with no signers and no content,
/// RFC 7030 §4.1.3): how EST carries certificates, and what <c>openssl pkcs7 -print_certs</c> reads.
/// Written from the certificates' DER as they are: every enrollment answers one, so none is parsed again.
/// </summary>
internal static class CertsOnly
{
    private const string SignedData = "1.2.840.113549.1.7.2";
    private const string Data = "1.2.840.113549.1.7.1";

    /// <summary>The DER of a ContentInfo holding the certificates (a DER SET: in the order of their encodings).</summary>
    public static byte[] Encode(IEnumerable<byte[]> certificates)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(SignedData);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                    // digestAlgorithms: none, there is no signer.
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(Data);
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    foreach (var der in certificates)
                    {
                        writer.WriteEncodedValue(der);
                    }
                }

                using (writer.PushSetOf())
                {
                    // signerInfos: none.
                }
            }
        }

        return writer.Encode();
    }
}

using System.Formats.Asn1;

namespace Signatures.Cades;

/// <summary>RevocationInfoChoice encodings (RFC 5652 §10.2.1, RFC 5940 §3).</summary>
internal static class RevocationChoices
{
    /// <summary>An OCSPResponse (DER) as the <c>other [1]</c> choice with format id-ri-ocsp-response.</summary>
    public static byte[] Ocsp(byte[] ocspResponse)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: ocspResponse.Length + 24);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
        {
            writer.WriteObjectIdentifier(CadesOids.OcspResponse);
            writer.WriteEncodedValue(ocspResponse);
        }

        return writer.Encode();
    }
}

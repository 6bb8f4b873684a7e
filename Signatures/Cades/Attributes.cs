using System.Formats.Asn1;

namespace Signatures.Cades;

/// <summary>Writes one CMS Attribute (RFC 5652 §5.3): <c>SEQUENCE { attrType, attrValues SET OF }</c>.</summary>
internal static class Attributes
{
    /// <summary>The DER Attribute of type <paramref name="oid"/> with the single value <paramref name="value"/> (a whole DER element).</summary>
    public static byte[] Of(string oid, ReadOnlySpan<byte> value)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: value.Length + 32);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
            {
                writer.WriteEncodedValue(value);
            }
        }

        return writer.Encode();
    }
}

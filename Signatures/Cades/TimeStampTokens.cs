using System.Formats.Asn1;

namespace Signatures.Cades;

/// <summary>
/// Reads and extends RFC 3161 time-stamp tokens (CMS ContentInfo of a SignedData) without
/// re-encoding what their signature covers: every field is copied as it came, only the
/// SignerInfo's unsigned attributes are written anew.
/// </summary>
internal static class TimeStampTokens
{
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The certificates the token carries (DER), in order.</summary>
    public static IReadOnlyList<byte[]> Certificates(byte[] token)
    {
        var signedData = SignedDataOf(token);
        signedData.ReadEncodedValue(); // version
        signedData.ReadEncodedValue(); // digestAlgorithms
        signedData.ReadEncodedValue(); // encapContentInfo
        List<byte[]> certificates = [];
        if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(Context0))
        {
            var set = signedData.ReadSetOf(skipSortOrderValidation: true, Context0);
            while (set.HasData)
            {
                certificates.Add(set.ReadEncodedValue().ToArray());
            }
        }

        return certificates;
    }

    /// <summary>The token with <paramref name="attribute"/> (a DER Attribute) added to its signer's unsigned attributes.</summary>
    public static byte[] WithUnsignedAttribute(byte[] token, byte[] attribute)
    {
        var outer = new AsnReader(token, AsnEncodingRules.BER).ReadSequence();
        var contentType = outer.ReadEncodedValue();
        var explicitContent = outer.ReadSequence(Context0);
        var signedData = explicitContent.ReadSequence();

        // BER: the copied fields are kept exactly as the authority encoded them, and nothing is re-sorted.
        var writer = new AsnWriter(AsnEncodingRules.BER, initialCapacity: token.Length + attribute.Length + 16);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(contentType.Span);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                while (signedData.HasData)
                {
                    var tag = signedData.PeekTag();
                    if (tag.HasSameClassAndValue(Asn1Tag.SetOf) && IsLast(signedData))
                    {
                        WriteSignerInfos(writer, signedData.ReadSetOf(skipSortOrderValidation: true), attribute);
                    }
                    else
                    {
                        writer.WriteEncodedValue(signedData.ReadEncodedValue().Span);
                    }
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>Whether the next element of <paramref name="reader"/> is its last one (signerInfos ends a SignedData).</summary>
    private static bool IsLast(AsnReader reader)
    {
        var probe = reader.Clone();
        probe.ReadEncodedValue();
        return !probe.HasData;
    }

    private static void WriteSignerInfos(AsnWriter writer, AsnReader signerInfos, byte[] attribute)
    {
        using (writer.PushSetOf())
        {
            var signerInfo = signerInfos.ReadSequence();
            using (writer.PushSequence())
            {
                List<ReadOnlyMemory<byte>> unsigned = [];
                while (signerInfo.HasData)
                {
                    if (signerInfo.PeekTag().HasSameClassAndValue(Context1))
                    {
                        var existing = signerInfo.ReadSetOf(skipSortOrderValidation: true, Context1);
                        while (existing.HasData)
                        {
                            unsigned.Add(existing.ReadEncodedValue());
                        }
                    }
                    else
                    {
                        writer.WriteEncodedValue(signerInfo.ReadEncodedValue().Span);
                    }
                }

                using (writer.PushSequence(Context1))
                {
                    foreach (var value in unsigned)
                    {
                        writer.WriteEncodedValue(value.Span);
                    }

                    writer.WriteEncodedValue(attribute);
                }
            }

            // A token has one signer; any other is kept as it came.
            while (signerInfos.HasData)
            {
                writer.WriteEncodedValue(signerInfos.ReadEncodedValue().Span);
            }
        }
    }

    private static AsnReader SignedDataOf(byte[] token)
    {
        var outer = new AsnReader(token, AsnEncodingRules.BER).ReadSequence();
        outer.ReadObjectIdentifier();
        return outer.ReadSequence(Context0).ReadSequence();
    }
}

using System.Formats.Asn1;

namespace Signatures.Cades;

/// <summary>
/// Writes a CMS SignedData with one SignerInfo (RFC 5652 §5) as a ContentInfo. Certificates,
/// revocation data and unsigned attributes are written in the order given, not re-sorted: an
/// archive time-stamp's hash index lists them in order of appearance, and an attribute added later
/// must not move the ones it covers. Only the signed attributes are DER-sorted (they are signed).
/// </summary>
internal static class SignedDataWriter
{
    // [0] and [1], constructed: EXPLICIT and IMPLICIT-of-a-SET tagging encode alike here.
    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    /// <summary>The DER ContentInfo of the SignedData <paramref name="parts"/> describe.</summary>
    public static byte[] Encode(SignedDataParts parts)
    {
        var content = parts.Content;
        var writer = new AsnWriter(AsnEncodingRules.DER, initialCapacity: 1024 + (content?.Length ?? 0) + Sum(parts.Certificates) + Sum(parts.RevocationInfo) + Sum(parts.UnsignedAttributes));
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(CadesOids.SignedData);
            using (writer.PushSequence(Context0))
            using (writer.PushSequence())
            {
                // v5 when a revocation choice is 'other' (an OCSP response); else v1: id-data,
                // IssuerAndSerialNumber, no attribute certificates (RFC 5652 §5.1).
                writer.WriteInteger(parts.RevocationInfo.Any(r => r[0] == 0xA1) ? 5 : 1);
                using (writer.PushSetOf())
                {
                    writer.WriteEncodedValue(parts.Signer.DigestAlgorithm);
                    foreach (var extra in parts.ExtraDigestAlgorithms)
                    {
                        writer.WriteEncodedValue(extra);
                    }
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(CadesOids.Data);
                    if (content is { } eContent)
                    {
                        using (writer.PushSequence(Context0))
                        {
                            writer.WriteOctetString(eContent.Span);
                        }
                    }
                }

                // certificates [0] IMPLICIT CertificateSet, written in order (a SET OF, not re-sorted).
                using (writer.PushSequence(Context0))
                {
                    foreach (var certificate in parts.Certificates)
                    {
                        writer.WriteEncodedValue(certificate);
                    }
                }

                if (parts.RevocationInfo.Count > 0)
                {
                    using (writer.PushSequence(Context1))
                    {
                        foreach (var revocation in parts.RevocationInfo)
                        {
                            writer.WriteEncodedValue(revocation);
                        }
                    }
                }

                using (writer.PushSetOf())
                {
                    WriteSignerInfo(writer, parts);
                }
            }
        }

        return writer.Encode();
    }

    /// <summary>
    /// The SignerInfo's version, sid, digestAlgorithm, signedAttrs, signatureAlgorithm and signature,
    /// each whole (tag, length, value), concatenated: what an archive-time-stamp-v3 covers of it.
    /// </summary>
    public static byte[] SignedFields(SignedDataParts parts)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        WriteSignedFields(writer, parts);
        return writer.Encode();
    }

    private static void WriteSignerInfo(AsnWriter writer, SignedDataParts parts)
    {
        using (writer.PushSequence())
        {
            WriteSignedFields(writer, parts);
            if (parts.UnsignedAttributes.Count > 0)
            {
                using (writer.PushSequence(Context1))
                {
                    foreach (var attribute in parts.UnsignedAttributes)
                    {
                        writer.WriteEncodedValue(attribute);
                    }
                }
            }
        }
    }

    private static void WriteSignedFields(AsnWriter writer, SignedDataParts parts)
    {
        writer.WriteInteger(1);
        writer.WriteEncodedValue(parts.Signer.IssuerAndSerialNumber);
        writer.WriteEncodedValue(parts.Signer.DigestAlgorithm);
        writer.WriteEncodedValue(ImplicitZero(parts.SignedAttributes));
        writer.WriteEncodedValue(parts.Signer.SignatureAlgorithm);
        writer.WriteOctetString(parts.SignatureValue);
    }

    /// <summary>The signed attributes' SET retagged [0] IMPLICIT, as the SignerInfo carries them.</summary>
    private static byte[] ImplicitZero(byte[] set)
    {
        var tagged = (byte[])set.Clone();
        tagged[0] = 0xA0;
        return tagged;
    }

    private static int Sum(IReadOnlyList<byte[]> items)
    {
        var total = 0;
        foreach (var item in items)
        {
            total += item.Length;
        }

        return total;
    }
}

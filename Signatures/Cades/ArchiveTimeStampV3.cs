using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Signatures.Cades;

/// <summary>
/// The archive-time-stamp-v3 of EN 319 122-1 §5.5.3 and the ats-hash-index-v3 of §5.5.2, with SHA-256.
/// The time-stamp's message imprint is SHA-256 over the concatenation of, in this order:
/// <list type="number">
/// <item>the encapContentInfo's eContentType, whole (the DER OBJECT IDENTIFIER of id-data);</item>
/// <item>the SHA-256 of the signed content (the same bytes the messageDigest covers, enveloped or detached);</item>
/// <item>the SignerInfo's version, sid, digestAlgorithm, signedAttrs ([0]-tagged), signatureAlgorithm and signature, each whole;</item>
/// <item>the DER ATSHashIndexV3.</item>
/// </list>
/// The ATSHashIndexV3 (hashIndAlgorithm left out: SHA-256 is its DEFAULT) lists, in order of appearance,
/// the SHA-256 of each CertificateChoices of SignedData.certificates, of each RevocationInfoChoice of
/// SignedData.crls (an OCSP response as its whole [1] <c>other</c> choice), and of each unsigned attribute
/// value as the concatenation of its attrType (whole) and that value (whole). It travels as the
/// ats-hash-index-v3 unsigned attribute of the archive time-stamp token's own SignerInfo.
/// </summary>
internal static class ArchiveTimeStampV3
{
    /// <summary>The DER ATSHashIndexV3 of the signature <paramref name="parts"/> describe, before its archive time-stamp is added.</summary>
    public static byte[] HashIndex(SignedDataParts parts)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            WriteHashes(writer, parts.Certificates.Select(c => SHA256.HashData(c)));
            WriteHashes(writer, parts.RevocationInfo.Select(r => SHA256.HashData(r)));
            WriteHashes(writer, parts.UnsignedAttributes.SelectMany(AttributeValueHashes));
        }

        return writer.Encode();
    }

    /// <summary>The message imprint (SHA-256) the archive time-stamp is requested over.</summary>
    public static byte[] Imprint(SignedDataParts parts, ReadOnlySpan<byte> contentSha256, byte[] hashIndex)
    {
        var contentType = new AsnWriter(AsnEncodingRules.DER);
        contentType.WriteObjectIdentifier(CadesOids.Data);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(contentType.Encode());
        hash.AppendData(contentSha256);
        hash.AppendData(SignedDataWriter.SignedFields(parts));
        hash.AppendData(hashIndex);
        return hash.GetHashAndReset();
    }

    /// <summary>The SHA-256 of attrType ‖ value for each value of the DER Attribute <paramref name="attribute"/>.</summary>
    public static IEnumerable<byte[]> AttributeValueHashes(byte[] attribute)
    {
        var sequence = new AsnReader(attribute, AsnEncodingRules.BER).ReadSequence();
        var type = sequence.ReadEncodedValue().ToArray();
        var values = sequence.ReadSetOf(skipSortOrderValidation: true);
        List<byte[]> hashes = [];
        while (values.HasData)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(type);
            hash.AppendData(values.ReadEncodedValue().Span);
            hashes.Add(hash.GetHashAndReset());
        }

        return hashes;
    }

    private static void WriteHashes(AsnWriter writer, IEnumerable<byte[]> hashes)
    {
        using (writer.PushSequence())
        {
            foreach (var hash in hashes)
            {
                writer.WriteOctetString(hash);
            }
        }
    }
}

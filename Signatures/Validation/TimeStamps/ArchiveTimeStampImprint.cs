using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.X509;
using Signatures.Cms;
using Signatures.Validation.Cms;

namespace Signatures.Validation.TimeStamps;

/// <summary>
/// What an archive-time-stamp-v3 (0.4.0.1733.2.4) covers, per EN 319 122-1 §5.5.3: the bytes whose
/// digest its imprint must be, built with the ATSHashIndexV3 (ats-hash-index-v3,
/// 0.4.0.19122.1.5) found in the archive token's own unsigned attributes. The bytes are, in order:
/// the DER of eContentType; the digest (under the imprint's algorithm) of the signed content; the DER
/// of the SignerInfo's version, sid, digestAlgorithm, signedAttrs (as its [0] IMPLICIT SET),
/// signatureAlgorithm and signature; the DER of the ATSHashIndexV3. Every hash the index lists must
/// still be there: of each certificate (CertificateChoices DER), each revocation entry
/// (RevocationInfoChoice DER) and each unsigned attribute value (DER of attrType followed by the DER
/// of the value) — data added later may be absent from the index, data it lists may not be gone.
/// </summary>
internal static class ArchiveTimeStampImprint
{
    /// <summary>id-aa-ets-archiveTimestampV3.</summary>
    public static readonly DerObjectIdentifier ArchiveTimeStampV3 = new("0.4.0.1733.2.4");

    /// <summary>id-aa-ATSHashIndex-v3.</summary>
    public static readonly DerObjectIdentifier AtsHashIndexV3 = new("0.4.0.19122.1.5");

    /// <summary>The bytes to compare the archive token's imprint with, or null with the reason.</summary>
    public static byte[]? Covered(SignedDataDocument document, SignerInfo signer, byte[] content, SignerInfo archiveToken, DerObjectIdentifier imprintAlgorithm, out string problem)
    {
        if (SignedAttributes.Single(archiveToken.UnsignedAttrs, AtsHashIndexV3, out _) is not { } value)
        {
            problem = "the archive time-stamp has no single ats-hash-index-v3 attribute";
            return null;
        }

        var index = Asn1Sequence.GetInstance(value);
        var position = 0;
        var algorithm = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256);
        if (index.Count == 4)
        {
            algorithm = AlgorithmIdentifier.GetInstance(index[position++]);
        }

        if (index.Count - position != 3)
        {
            problem = "the ats-hash-index-v3 is not an ATSHashIndexV3";
            return null;
        }

        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var certificate in document.Data.Certificates ?? new DerSet())
        {
            present.Add(Hex(algorithm, certificate.ToAsn1Object().GetEncoded(Asn1Encodable.Der)));
        }

        foreach (var crl in document.Data.CRLs ?? new DerSet())
        {
            present.Add(Hex(algorithm, crl.ToAsn1Object().GetEncoded(Asn1Encodable.Der)));
        }

        foreach (var attribute in (signer.UnsignedAttrs ?? new DerSet()).Cast<Asn1Encodable>().Select(Org.BouncyCastle.Asn1.Cms.Attribute.GetInstance))
        {
            foreach (var attributeValue in attribute.AttrValues)
            {
                present.Add(Hex(algorithm, [.. attribute.AttrType.GetEncoded(Asn1Encodable.Der), .. attributeValue.ToAsn1Object().GetEncoded(Asn1Encodable.Der)]));
            }
        }

        for (var list = position; list < index.Count; list++)
        {
            foreach (var hash in Asn1Sequence.GetInstance(index[list]))
            {
                if (!present.Contains(Convert.ToHexStringLower(Asn1OctetString.GetInstance(hash).GetOctets())))
                {
                    problem = "data the ats-hash-index-v3 lists is no longer in the signature";
                    return null;
                }
            }
        }

        using var covered = new MemoryStream();
        Write(covered, document.ContentType);
        var digest = CmsAlgorithms.Hash(imprintAlgorithm, content);
        covered.Write(digest);
        Write(covered, signer.Version);
        Write(covered, signer.SignerID);
        Write(covered, signer.DigestAlgorithm);
        Write(covered, new DerTaggedObject(false, 0, signer.SignedAttrs));
        Write(covered, signer.SignatureAlgorithm);
        Write(covered, signer.Signature);
        Write(covered, index);
        problem = "";
        return covered.ToArray();
    }

    private static void Write(MemoryStream stream, Asn1Encodable value) => stream.Write(value.ToAsn1Object().GetEncoded(Asn1Encodable.Der));

    private static string Hex(AlgorithmIdentifier algorithm, byte[] data) => Convert.ToHexStringLower(CmsAlgorithms.Hash(algorithm.Algorithm, data));
}

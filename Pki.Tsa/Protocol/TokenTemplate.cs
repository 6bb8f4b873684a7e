using System.Formats.Asn1;

namespace Pki.Tsa.Protocol;

/// <summary>
/// What every token of this TSA key has in common, taken once from a token Bouncy Castle's
/// <c>TimeStampTokenGenerator</c> made: the SignedData and SignerInfo versions, the signer
/// identifier, the digest and signature algorithms, the signed attributes that never change
/// (contentType, ESSCertIDv2 signingCertificateV2, CMS algorithm protection) and the TSTInfo's
/// accuracy and ordering. <see cref="TokenWriter"/> fills in the rest per token, so the costly
/// parts (ESSCertIDv2's certificate hash, the attribute and algorithm encodings) are never
/// redone, and every token has the structure the generator gives it.
/// </summary>
internal sealed class TokenTemplate
{
    internal const string SignedDataOid = "1.2.840.113549.1.7.2";
    internal const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    internal const string SigningTimeOid = "1.2.840.113549.1.9.5";
    internal const string MessageDigestOid = "1.2.840.113549.1.9.4";

    private static readonly Asn1Tag Context0 = new(TagClass.ContextSpecific, 0, isConstructed: true);
    private static readonly Asn1Tag Context1 = new(TagClass.ContextSpecific, 1, isConstructed: true);

    private TokenTemplate()
    {
    }

    /// <summary>SignedData's version INTEGER, encoded.</summary>
    public required byte[] SignedDataVersion { get; init; }

    /// <summary>SignedData's digestAlgorithms SET, encoded.</summary>
    public required byte[] DigestAlgorithms { get; init; }

    /// <summary>SignerInfo's version INTEGER, encoded.</summary>
    public required byte[] SignerInfoVersion { get; init; }

    /// <summary>SignerInfo's sid (IssuerAndSerialNumber), encoded.</summary>
    public required byte[] SignerIdentifier { get; init; }

    /// <summary>SignerInfo's digestAlgorithm, encoded.</summary>
    public required byte[] DigestAlgorithm { get; init; }

    /// <summary>The OID of <see cref="DigestAlgorithm"/>: the hash of the messageDigest attribute.</summary>
    public required string DigestOid { get; init; }

    /// <summary>The signed attributes other than signingTime and messageDigest, each encoded.</summary>
    public required IReadOnlyList<byte[]> FixedAttributes { get; init; }

    /// <summary>SignerInfo's signatureAlgorithm, encoded.</summary>
    public required byte[] SignatureAlgorithm { get; init; }

    /// <summary>TSTInfo's version INTEGER, encoded.</summary>
    public required byte[] TstInfoVersion { get; init; }

    /// <summary>The TSTInfo elements between genTime and nonce (accuracy, ordering), encoded.</summary>
    public required byte[] AccuracyAndOrdering { get; init; }

    /// <summary>The TSTInfo's tsa field, encoded, when the generator names the TSA.</summary>
    public required byte[] TsaName { get; init; }

    /// <summary>Takes the template from a DER ContentInfo holding a token Bouncy Castle generated without certificates.</summary>
    public static TokenTemplate FromSample(ReadOnlyMemory<byte> contentInfo)
    {
        var outer = new AsnReader(contentInfo, AsnEncodingRules.DER);
        var content = outer.ReadSequence();
        Expect(content.ReadObjectIdentifier() == SignedDataOid, "a SignedData");
        var signedData = content.ReadSequence(Context0).ReadSequence();
        var signedDataVersion = signedData.ReadEncodedValue().ToArray();
        var digestAlgorithms = signedData.ReadEncodedValue().ToArray();
        var encapsulated = signedData.ReadSequence();
        Expect(encapsulated.ReadObjectIdentifier() == TstInfoOid, "a TSTInfo");
        var tstInfo = encapsulated.ReadSequence(Context0).ReadOctetString();
        Expect(!signedData.PeekTag().HasSameClassAndValue(Context0) && !signedData.PeekTag().HasSameClassAndValue(Context1),
            "no certificates or CRLs");
        var signerInfos = signedData.ReadSetOf();
        var signerInfo = signerInfos.ReadSequence();
        Expect(!signerInfos.HasData && !signedData.HasData, "one signer");

        var signerInfoVersion = signerInfo.ReadEncodedValue().ToArray();
        var signerIdentifier = signerInfo.ReadEncodedValue().ToArray();
        var digestAlgorithm = signerInfo.ReadEncodedValue().ToArray();
        var digestOid = new AsnReader(digestAlgorithm, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
        var attributes = signerInfo.ReadSetOf(Context0);
        var fixedAttributes = new List<byte[]>();
        var varying = 0;
        while (attributes.HasData)
        {
            var encoded = attributes.ReadEncodedValue();
            var type = new AsnReader(encoded, AsnEncodingRules.DER).ReadSequence().ReadObjectIdentifier();
            if (type is SigningTimeOid or MessageDigestOid)
            {
                varying++;
            }
            else
            {
                fixedAttributes.Add(encoded.ToArray());
            }
        }

        Expect(varying == 2, "signingTime and messageDigest attributes");
        var signatureAlgorithm = signerInfo.ReadEncodedValue().ToArray();
        _ = signerInfo.ReadOctetString();
        Expect(!signerInfo.HasData, "no unsigned attributes");

        var (tstInfoVersion, accuracyAndOrdering, tsaName) = TstInfoParts(tstInfo);
        return new TokenTemplate
        {
            SignedDataVersion = signedDataVersion,
            DigestAlgorithms = digestAlgorithms,
            SignerInfoVersion = signerInfoVersion,
            SignerIdentifier = signerIdentifier,
            DigestAlgorithm = digestAlgorithm,
            DigestOid = digestOid,
            FixedAttributes = fixedAttributes,
            SignatureAlgorithm = signatureAlgorithm,
            TstInfoVersion = tstInfoVersion,
            AccuracyAndOrdering = accuracyAndOrdering,
            TsaName = tsaName,
        };
    }

    /// <summary>
    /// TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime,
    /// accuracy OPTIONAL, ordering DEFAULT FALSE, nonce OPTIONAL, tsa [0] OPTIONAL, extensions [1] OPTIONAL }:
    /// the version, and what the generator's settings put after genTime.
    /// </summary>
    private static (byte[] Version, byte[] AccuracyAndOrdering, byte[] TsaName) TstInfoParts(byte[] tstInfo)
    {
        var info = new AsnReader(tstInfo, AsnEncodingRules.DER).ReadSequence();
        var version = info.ReadEncodedValue().ToArray();
        for (var skipped = 0; skipped < 4; skipped++)
        {
            _ = info.ReadEncodedValue(); // policy, messageImprint, serialNumber, genTime
        }

        var settings = new List<byte>();
        byte[] tsa = [];
        while (info.HasData)
        {
            var tag = info.PeekTag();
            var encoded = info.ReadEncodedValue();
            if (tag.HasSameClassAndValue(Asn1Tag.Sequence) || tag.HasSameClassAndValue(Asn1Tag.Boolean))
            {
                settings.AddRange(encoded.Span);
            }
            else if (tag.HasSameClassAndValue(Context0))
            {
                tsa = encoded.ToArray();
            }
            else
            {
                Expect(tag.HasSameClassAndValue(Asn1Tag.Integer), "no TSTInfo extensions"); // the sample's nonce
            }
        }

        return (version, [.. settings], tsa);
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"The sample time-stamp token does not have {what}; the token template cannot be taken from it.");
        }
    }
}

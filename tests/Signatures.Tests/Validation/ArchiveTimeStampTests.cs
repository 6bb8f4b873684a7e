using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.Utilities.Collections;
using Signatures.Validation.Reports;
using static Signatures.Tests.Validation.SignatureValidatorTests;
using AttributeTable = Org.BouncyCastle.Asn1.Cms.AttributeTable;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;
using SignedData = Org.BouncyCastle.Asn1.Cms.SignedData;
using SignerInfo = Org.BouncyCastle.Asn1.Cms.SignerInfo;

namespace Signatures.Tests.Validation;

/// <summary>
/// CAdES B-LTA: an archive-time-stamp-v3 whose imprint is built here, independently, from
/// EN 319 122-1 §5.5.3 with an ats-hash-index-v3 in the archive token's unsigned attributes.
/// </summary>
public sealed class ArchiveTimeStampTests : IDisposable
{
    private static readonly DerObjectIdentifier ArchiveTimeStampV3 = new("0.4.0.1733.2.4");
    private static readonly DerObjectIdentifier AtsHashIndexV3 = new("0.4.0.19122.1.5");
    private static readonly byte[] Document = "Land register extract 4471."u8.ToArray();
    private readonly ValidatorHarness harness = new();

    private DateTimeOffset T0 => harness.Pki.Start;

    [Fact]
    public async Task ValidateAsync_ArchiveTimeStampOverTheSignature_IsReportedValidAsBLta()
    {
        var archived = Archived(LongTerm());

        var report = await harness.ValidateAsync(archived.GetEncoded());

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
        Assert.Equal("B-LTA", report.Level);
        Assert.True(report.ArchiveTimestamp!.Valid);
        Assert.Equal(CheckStatus.Passed, report.Checks.Single(c => c.Name == "archive-time-stamp").Status);
    }

    [Fact]
    public async Task ValidateAsync_RevocationDataRemovedAfterArchiving_FailsTheArchiveTimeStamp()
    {
        var archived = Archived(LongTerm());
        var stripped = TestSignatures.WithRevocationData(archived, [], []);

        var report = await harness.ValidateAsync(stripped.GetEncoded());

        Assert.False(report.ArchiveTimestamp!.Valid);
        Assert.Equal(CheckStatus.Failed, report.Checks.Single(c => c.Name == "archive-time-stamp").Status);
    }

    [Fact]
    public async Task ValidateAsync_SignedAttributesAlteredAfterArchiving_FailsTheArchiveTimeStamp()
    {
        // Another time-stamp's token in the archive attribute: its imprint covers other bytes.
        var signed = LongTerm();
        var other = Archived(LongTerm());
        var token = other.GetSignerInfos().GetSigners().Single().UnsignedAttributes[ArchiveTimeStampV3].AttrValues[0];
        var misplaced = TestSignatures.WithUnsigned(signed, _ => new CmsAttribute(ArchiveTimeStampV3, new DerSet(token)));

        var report = await harness.ValidateAsync(misplaced.GetEncoded());

        Assert.False(report.ArchiveTimestamp!.Valid);
    }

    public void Dispose() => harness.Dispose();

    /// <summary>A B-LT signature: time-stamped, with the issuing CA's CRL.</summary>
    private CmsSignedData LongTerm()
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, T0.AddDays(-1), T0.AddYears(1));
        var signed = TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], T0);
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, T0.AddMinutes(1));
        return TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddMinutes(2))], []);
    }

    private CmsSignedData Archived(CmsSignedData signed)
    {
        var data = SignedData.GetInstance(signed.ContentInfo.Content);
        var signer = SignerInfo.GetInstance(data.SignerInfos[0]);
        var index = new DerSequence(
            Hashes(data.Certificates.Cast<Asn1Encodable>().Select(c => c.ToAsn1Object().GetEncoded(Asn1Encodable.Der))),
            Hashes(data.CRLs.Cast<Asn1Encodable>().Select(c => c.ToAsn1Object().GetEncoded(Asn1Encodable.Der))),
            Hashes(signer.UnsignedAttrs.Cast<Asn1Encodable>().Select(CmsAttribute.GetInstance)
                .SelectMany(a => a.AttrValues.Cast<Asn1Encodable>().Select(v => a.AttrType.GetEncoded(Asn1Encodable.Der).Concat(v.ToAsn1Object().GetEncoded(Asn1Encodable.Der)).ToArray()))));
        byte[][] parts =
        [
            data.EncapContentInfo.ContentType.GetEncoded(Asn1Encodable.Der),
            DigestUtilities.CalculateDigest("SHA-256", Document),
            signer.Version.GetEncoded(Asn1Encodable.Der),
            signer.SignerID.ToAsn1Object().GetEncoded(Asn1Encodable.Der),
            signer.DigestAlgorithm.GetEncoded(Asn1Encodable.Der),
            new DerTaggedObject(false, 0, signer.SignedAttrs).GetEncoded(Asn1Encodable.Der),
            signer.SignatureAlgorithm.GetEncoded(Asn1Encodable.Der),
            signer.Signature.GetEncoded(Asn1Encodable.Der),
            index.GetEncoded(Asn1Encodable.Der),
        ];
        var imprint = DigestUtilities.CalculateDigest("SHA-256", parts.SelectMany(p => p).ToArray());

        var generator = new TimeStampTokenGenerator(harness.Pki.TsaKey.Private, harness.Pki.Tsa, TspAlgorithms.Sha256, "1.2.3.4");
        generator.SetCertificates(CollectionUtilities.CreateStore(new[] { harness.Pki.Tsa, harness.Pki.Issuing }.ToList()));
        var requests = new TimeStampRequestGenerator();
        requests.SetCertReq(true);
        var token = generator.Generate(requests.Generate(TspAlgorithms.Sha256, imprint, BigInteger.One), BigInteger.Two, T0.AddDays(1).UtcDateTime);
        var tokenSigned = token.ToCmsSignedData();
        var tokenSigner = tokenSigned.GetSignerInfos().GetSigners().Single();
        var indexed = SignerInformation.ReplaceUnsignedAttributes(tokenSigner,
            new AttributeTable(new Asn1EncodableVector(new CmsAttribute(AtsHashIndexV3, new DerSet(index)))));
        var archiveToken = CmsSignedData.ReplaceSigners(tokenSigned, new SignerInformationStore(indexed));
        return TestSignatures.WithUnsigned(signed, _ => new CmsAttribute(ArchiveTimeStampV3, new DerSet(Asn1Object.FromByteArray(archiveToken.GetEncoded()))));
    }

    private static DerSequence Hashes(IEnumerable<byte[]> items) =>
        new(items.Select(i => (Asn1Encodable)new DerOctetString(DigestUtilities.CalculateDigest("SHA-256", i))).ToArray());
}

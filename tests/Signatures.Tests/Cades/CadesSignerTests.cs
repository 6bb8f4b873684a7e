using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Ess;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using Signatures.Cades;
using System.Security.Cryptography;
using System.Text;
using Attribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Signatures.Tests.Cades;

/// <summary>
/// The CAdES builder at each baseline level, for each key type, enveloping and detached, read back and
/// verified with Bouncy Castle's CMS classes (which nobody here wrote).
/// </summary>
public sealed class CadesSignerTests
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("Residence permit 2026-0815 is granted.");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 30, 15, 250, TimeSpan.Zero);
    private readonly TestPki pki = new();
    private readonly TestTimeStampAuthority tsa;
    private readonly TestEvidence evidence;
    private readonly CadesSigner signer;

    public CadesSignerTests()
    {
        tsa = new TestTimeStampAuthority(pki);
        evidence = new TestEvidence(pki, tsa);
        signer = new CadesSigner(new FixedClock(Now), tsa, evidence, evidence);
    }

    [Theory]
    [InlineData(KeyAlgorithm.Rsa2048, "2.16.840.1.101.3.4.2.1")]
    [InlineData(KeyAlgorithm.EcdsaP256, "2.16.840.1.101.3.4.2.1")]
    [InlineData(KeyAlgorithm.EcdsaP384, "2.16.840.1.101.3.4.2.2")]
    [InlineData(KeyAlgorithm.Ed25519, "2.16.840.1.101.3.4.2.3")]
    [InlineData(KeyAlgorithm.Sm2, "1.2.156.10197.1.401")]
    public async Task SignAsync_BaselineB_EachAlgorithm_HasTheBaselineSignedAttributes_AndVerifies(KeyAlgorithm algorithm, string digest)
    {
        var (key, credential) = pki.Signer(algorithm);

        var (cms, information) = Read(await SignAsync(key, credential, CadesLevel.BaselineB, detached: false));

        Assert.True(information.Verify(new X509CertificateParser().ReadCertificate(credential.Certificate)));
        Assert.Equal(digest, information.DigestAlgorithmID.Algorithm.Id);
        Assert.Equal(1, SignedData.GetInstance(cms.ContentInfo.Content).Version.IntValueExact);
        var attributes = information.SignedAttributes;
        Assert.Equal(4, attributes.Count);
        Assert.Equal(CmsObjectIdentifiers.Data, DerObjectIdentifier.GetInstance(attributes[CmsAttributes.ContentType].AttrValues[0]));
        Assert.Equal(Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerSecond).UtcDateTime, Time.GetInstance(attributes[CmsAttributes.SigningTime].AttrValues[0]).ToDateTime());
        Assert.Equal(credential.Digest(Content), Asn1OctetString.GetInstance(attributes[CmsAttributes.MessageDigest].AttrValues[0]).GetOctets());
        var id = SigningCertificateV2.GetInstance(attributes[new DerObjectIdentifier("1.2.840.113549.1.9.16.2.47")].AttrValues[0]).GetCerts()[0];
        Assert.Equal(SHA256.HashData(credential.Certificate), id.GetCertHash());
        Assert.Equal(credential.SerialNumber, id.IssuerSerial.Serial.Value.ToString(16));
        Assert.Null(information.UnsignedAttributes);
        Assert.Equal(2, cms.GetCertificates().EnumerateMatches(null).Count());
    }

    [Fact]
    public async Task SignAsync_Detached_CarriesNoContent_AndVerifiesWithIt()
    {
        var (key, credential) = pki.Signer(KeyAlgorithm.EcdsaP256);
        var encoded = await SignAsync(key, credential, CadesLevel.BaselineB, detached: true);

        var enveloping = new CmsSignedData(await SignAsync(key, credential, CadesLevel.BaselineB, detached: false));
        var detached = new CmsSignedData(new CmsProcessableByteArray(Content), encoded);

        Assert.Null(SignedData.GetInstance(new CmsSignedData(encoded).ContentInfo.Content).EncapContentInfo.Content);
        Assert.Equal(Content, Asn1OctetString.GetInstance(SignedData.GetInstance(enveloping.ContentInfo.Content).EncapContentInfo.Content).GetOctets());
        Assert.True(Assert.Single(detached.GetSignerInfos().GetSigners()).Verify(new X509CertificateParser().ReadCertificate(credential.Certificate)));
    }

    [Fact]
    public async Task SignAsync_BaselineT_TimeStampsTheSha256OfTheSignatureValue()
    {
        var (key, credential) = pki.Signer(KeyAlgorithm.EcdsaP256);

        var (_, information) = Read(await SignAsync(key, credential, CadesLevel.BaselineT, detached: false));

        var token = new TimeStampToken(new CmsSignedData(information.UnsignedAttributes[PkcsObjectIdentifiersSignatureTimeStamp].AttrValues[0].GetEncoded()));
        Assert.Equal(SHA256.HashData(information.GetSignature()), token.TimeStampInfo.GetMessageImprintDigest());
        token.Validate(tsa.Certificate);
    }

    [Fact]
    public async Task SignAsync_BaselineLt_CarriesEveryCertificateAndTheirCrlAndOcspResponse()
    {
        var (key, credential) = pki.Signer(KeyAlgorithm.EcdsaP256);

        var (cms, _) = Read(await SignAsync(key, credential, CadesLevel.BaselineLt, detached: false));

        var signedData = SignedData.GetInstance(cms.ContentInfo.Content);
        var certificates = signedData.Certificates.Cast<Asn1Encodable>().Select(c => c.GetEncoded()).ToList();
        Assert.Equal(5, signedData.Version.IntValueExact);
        Assert.Equal(3, certificates.Count);
        Assert.Contains(certificates, c => c.AsSpan().SequenceEqual(tsa.Certificate.GetEncoded()));
        Assert.Contains(certificates, c => c.AsSpan().SequenceEqual(pki.Root.GetEncoded()));
        var revocations = signedData.CRLs.Cast<Asn1Encodable>().ToList();
        Assert.Single(revocations.OfType<Asn1Sequence>());
        var ocsp = revocations.OfType<Asn1TaggedObject>().Select(t => OtherRevocationInfoFormat.GetInstance(t, false)).ToList();
        Assert.Equal(2, ocsp.Count);
        Assert.All(ocsp, o => Assert.Equal("1.3.6.1.5.5.7.16.2", o.InfoFormat.Id));
    }

    [Fact]
    public async Task SignAsync_BaselineLta_ArchiveTimeStampV3CoversTheDocumentedConcatenation_WithItsHashIndex()
    {
        var (key, credential) = pki.Signer(KeyAlgorithm.EcdsaP256);

        var (cms, information) = Read(await SignAsync(key, credential, CadesLevel.BaselineLta, detached: false));

        var unsigned = information.UnsignedAttributes;
        var signatureTimeStamp = unsigned[PkcsObjectIdentifiersSignatureTimeStamp];
        var archive = new TimeStampToken(new CmsSignedData(unsigned[new DerObjectIdentifier("0.4.0.1733.2.4")].AttrValues[0].GetEncoded()));
        archive.Validate(tsa.Certificate);
        var indexAttribute = archive.UnsignedAttributes[new DerObjectIdentifier("0.4.0.19122.1.5")];
        var index = Asn1Sequence.GetInstance(indexAttribute.AttrValues[0]);
        var signedData = SignedData.GetInstance(cms.ContentInfo.Content);
        Assert.Equal(3, index.Count);
        Assert.Equal(Hashes(signedData.Certificates), Octets(index[0]));
        Assert.Equal(Hashes(signedData.CRLs), Octets(index[1]));
        var attributeValueHash = SHA256.HashData([.. signatureTimeStamp.AttrType.GetEncoded(), .. signatureTimeStamp.AttrValues[0].GetEncoded()]);
        Assert.Equal([Convert.ToHexString(attributeValueHash)], Octets(index[2]));

        // The imprint: eContentType, SHA-256 of the content, the SignerInfo's fields, then the ATSHashIndexV3.
        var info = information.SignerInfo;
        byte[] expected =
        [
            .. CmsObjectIdentifiers.Data.GetEncoded(),
            .. SHA256.HashData(Content),
            .. info.Version.GetEncoded(), .. info.SignerID.ToAsn1Object().GetEncoded(), .. info.DigestAlgorithm.GetEncoded(),
            .. new DerTaggedObject(false, 0, info.SignedAttrs).GetEncoded(), .. info.SignatureAlgorithm.GetEncoded(), .. info.Signature.GetEncoded(),
            .. index.GetEncoded(Asn1Encodable.Der),
        ];
        Assert.Equal(SHA256.HashData(expected), archive.TimeStampInfo.GetMessageImprintDigest());
        Assert.Equal(tsa.Stamped[^1], archive.TimeStampInfo.GetMessageImprintDigest());
    }

    [Fact]
    public async Task SignAsync_TimeStampAuthorityRefuses_IsAFailure_NotAnException()
    {
        var (key, credential) = pki.Signer(KeyAlgorithm.EcdsaP256);
        tsa.Refuses = true;

        var outcome = await signer.SignAsync(credential, key, Content, credential.Digest(Content), SHA256.HashData(Content), false, CadesLevel.BaselineT, default);

        Assert.Null(outcome.Signature);
        Assert.Equal(CadesFailure.TimeStampUnavailable, outcome.Failure);
    }

    private static readonly DerObjectIdentifier PkcsObjectIdentifiersSignatureTimeStamp = new("1.2.840.113549.1.9.16.2.14");

    private async Task<byte[]> SignAsync(ISigningKey key, SignerCredential credential, CadesLevel level, bool detached)
    {
        var outcome = await signer.SignAsync(credential, key, Content, credential.Digest(Content), SHA256.HashData(Content), detached, level, default);
        Assert.True(outcome.Signature is not null, outcome.Detail);
        return outcome.Signature.Encoded;
    }

    private static (CmsSignedData Cms, SignerInformation Signer) Read(byte[] encoded)
    {
        var cms = new CmsSignedData(encoded);
        return (cms, Assert.Single(cms.GetSignerInfos().GetSigners()));
    }

    private static List<string> Hashes(Asn1Set set) => [.. set.Cast<Asn1Encodable>().Select(e => Convert.ToHexString(SHA256.HashData(e.GetEncoded(Asn1Encodable.Der))))];

    private static List<string> Octets(Asn1Encodable sequence) => [.. Asn1Sequence.GetInstance(sequence).Cast<Asn1OctetString>().Select(o => Convert.ToHexString(o.GetOctets()))];

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

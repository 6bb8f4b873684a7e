using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.Tsp;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Pki.Tsa;
using Pki.Tsa.Authority;
using Pki.Tsa.Protocol;
using System.Formats.Asn1;

namespace Server.Tests.Tsa;

/// <summary>
/// Tokens written directly in DER are the tokens Bouncy Castle's generator makes from the same
/// request, serial and genTime: the same TSTInfo byte for byte, the same signer, algorithms and
/// signed attributes (signingTime aside, which the generator takes from its own clock), and a
/// signature that verifies with ESSCertIDv2.
/// </summary>
public sealed class TsaTokenWriterTests(TsaFixture fixture) : IClassFixture<TsaFixture>
{
    public static TheoryData<int, bool, bool> Cases => new()
    {
        { 123, true, true },
        { 100, true, false }, // fraction ".1": trailing zeros dropped
        { 0, false, true }, // no fraction at all
        { 7, false, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Write_MatchesBouncyCastleGenerator(int milliseconds, bool nonce, bool certReq) =>
        TokenWriterComparison.AssertSameAsGenerator(fixture, milliseconds, nonce, certReq);
}

public sealed class Sm2TsaTokenWriterTests(Sm2TsaFixture fixture) : IClassFixture<Sm2TsaFixture>
{
    [Fact]
    public void Write_MatchesBouncyCastleGenerator() => TokenWriterComparison.AssertSameAsGenerator(fixture, 250, nonce: true, certReq: true);
}

public sealed class Ed25519TsaTokenWriterTests(Ed25519TsaFixture fixture) : IClassFixture<Ed25519TsaFixture>
{
    [Fact]
    public void Write_MatchesBouncyCastleGenerator() => TokenWriterComparison.AssertSameAsGenerator(fixture, 999, nonce: true, certReq: false);
}

internal static class TokenWriterComparison
{
    public static void AssertSameAsGenerator(TsaServerFixture fixture, int milliseconds, bool nonce, bool certReq)
    {
        var signer = fixture.Server.Services.GetRequiredService<TsaCredentials>().Current;
        var settings = fixture.Server.Services.GetRequiredService<IOptions<TsaOptions>>().Value;
        var requests = new TimeStampRequestGenerator();
        requests.SetCertReq(certReq);
        var digest = new byte[32];
        digest[0] = 0x5A;
        var request = requests.Generate(TspAlgorithms.Sha256, digest, nonce ? new BigInteger("123456789012345678901234567890") : null);
        // Now (within the TSA certificate's validity), at exactly this many milliseconds past the second.
        var now = DateTimeOffset.UtcNow;
        var genTime = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddMilliseconds(milliseconds);
        var serial = TokenSerial.Create(genTime);

        var ours = TimeStamper.CreateWriter(signer, settings).Write(TimeStampQueryReader.Read(request.GetEncoded())!, settings.DefaultPolicy, serial, genTime);
        var theirs = TimeStamper.CreateGenerator(signer, settings).Generate(request, new BigInteger(1, serial), genTime.UtcDateTime);

        var response = new TimeStampResponse(ours);
        response.Validate(request);
        var token = response.TimeStampToken;
        token.Validate(signer.Certificate);
        Assert.Equal(TstInfo(theirs.ToCmsSignedData().ContentInfo), TstInfo(token.ToCmsSignedData().ContentInfo));

        var mine = token.ToCmsSignedData();
        var reference = theirs.ToCmsSignedData();
        Assert.Equal(reference.Version, mine.Version);
        Assert.Equal(Encoded(reference.GetDigestAlgorithms()), Encoded(mine.GetDigestAlgorithms()));
        var a = mine.GetSignerInfos().GetSigners().Single();
        var b = reference.GetSignerInfos().GetSigners().Single();
        Assert.Equal(b.Version, a.Version);
        Assert.Equal(b.SignerInfo.SignerID.GetEncoded(), a.SignerInfo.SignerID.GetEncoded());
        Assert.Equal(b.DigestAlgorithmID.GetEncoded(), a.DigestAlgorithmID.GetEncoded());
        Assert.Equal(b.SignatureAlgorithm.GetEncoded(), a.SignatureAlgorithm.GetEncoded());
        Assert.Equal(Attributes(b.SignedAttributes), Attributes(a.SignedAttributes));
        Assert.Null(a.UnsignedAttributes);
        var signingTime = Org.BouncyCastle.Asn1.Cms.Time.GetInstance(a.SignedAttributes[CmsAttributes.SigningTime].AttrValues[0]).ToDateTime();
        Assert.Equal(genTime.UtcDateTime.AddMilliseconds(-milliseconds), signingTime.ToUniversalTime());

        // The certificates field is there exactly when certReq asks for it.
        Assert.Equal(certReq ? 1 + signer.Chain.Count : 0, mine.GetCertificates().EnumerateMatches(null).Count());

        AssertDer(ours, certReq);
    }

    /// <summary>The raw eContent octets: the TSTInfo as written, not as a parser re-encodes it.</summary>
    private static byte[] TstInfo(ContentInfo contentInfo) =>
        Asn1OctetString.GetInstance(SignedData.GetInstance(contentInfo.Content).EncapContentInfo.Content).GetOctets();

    /// <summary>Walks the reply with a DER reader, which checks every SET OF is sorted and every length minimal.</summary>
    private static void AssertDer(byte[] reply, bool certReq)
    {
        var context0 = new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true);
        var outer = new AsnReader(reply, AsnEncodingRules.DER);
        var response = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        _ = response.ReadSequence();
        var contentInfo = response.ReadSequence();
        _ = contentInfo.ReadObjectIdentifier();
        var signedData = contentInfo.ReadSequence(context0).ReadSequence();
        _ = signedData.ReadInteger();
        _ = signedData.ReadSetOf();
        _ = signedData.ReadSequence();
        if (certReq)
        {
            _ = signedData.ReadSetOf(context0);
        }

        var signerInfo = signedData.ReadSetOf().ReadSequence();
        _ = signerInfo.ReadInteger();
        _ = signerInfo.ReadSequence();
        _ = signerInfo.ReadSequence();
        var attributes = signerInfo.ReadSetOf(context0);
        Assert.Equal(5, Enumerable.Range(0, 10).TakeWhile(_ => attributes.HasData).Count(_ => attributes.ReadSequence() is not null));
        _ = signerInfo.ReadSequence();
        _ = signerInfo.ReadOctetString();
        signerInfo.ThrowIfNotEmpty();
        signedData.ThrowIfNotEmpty();
    }

    private static byte[] Encoded(IEnumerable<Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier> algorithms) =>
        new DerSet(algorithms.Cast<Asn1Encodable>().ToArray()).GetEncoded(Asn1Encodable.Der);

    /// <summary>Every signed attribute's encoding but signingTime's, by type.</summary>
    private static SortedDictionary<string, string> Attributes(Org.BouncyCastle.Asn1.Cms.AttributeTable table)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (Org.BouncyCastle.Asn1.Cms.Attribute attribute in table.ToAsn1EncodableVector())
        {
            result[attribute.AttrType.Id] = attribute.AttrType.Equals(CmsAttributes.SigningTime) ? "(time)" : Convert.ToHexString(attribute.GetEncoded(Asn1Encodable.Der));
        }

        return result;
    }
}

using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using System.Security.Cryptography;

namespace Server.Tests.Tsa;

/// <summary>Every refusal is a TimeStampResp with status rejection and the PKIFailureInfo that names it.</summary>
public sealed class TsaRejectionTests(TsaFixture fixture) : IClassFixture<TsaFixture>
{
    private HttpClient Client => fixture.Server.HttpClient();

    [Theory]
    [InlineData("1.3.14.3.2.26", 20)] // SHA-1
    [InlineData("1.2.840.113549.2.5", 16)] // MD5
    [InlineData("1.2.3.4", 32)] // not a hash at all
    public async Task WeakOrUnknownHash_IsBadAlg(string algorithm, int length) =>
        TsaClient.AssertRejected(await PostAsync(new TimeStampRequestGenerator().Generate(algorithm, new byte[length])), PkiFailureInfo.BadAlg);

    [Fact]
    public async Task ImprintLengthNotMatchingTheHash_IsBadDataFormat() =>
        TsaClient.AssertRejected(await PostAsync(new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[20])), PkiFailureInfo.BadDataFormat);

    [Fact]
    public async Task UnofferedPolicy_IsUnacceptedPolicy()
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetReqPolicy(new DerObjectIdentifier("1.2.3.4.5"));

        TsaClient.AssertRejected(await PostAsync(generator.Generate(TspAlgorithms.Sha256, new byte[32])), PkiFailureInfo.UnacceptedPolicy);
    }

    [Fact]
    public async Task TheDefaultPolicyAskedFor_IsGranted()
    {
        var generator = new TimeStampRequestGenerator();
        generator.SetReqPolicy(new DerObjectIdentifier(global::Pki.Tsa.TsaOptions.PlatformPolicy));

        var response = new TimeStampResponse(await PostAsync(generator.Generate(TspAlgorithms.Sha256, new byte[32])));

        Assert.Equal(0, response.Status);
    }

    [Fact]
    public async Task RequestExtension_IsUnacceptedExtension()
    {
        var generator = new TimeStampRequestGenerator();
        generator.AddExtension(new DerObjectIdentifier("1.2.3.4.6"), false, new DerOctetString([1, 2, 3]));

        TsaClient.AssertRejected(await PostAsync(generator.Generate(TspAlgorithms.Sha256, new byte[32])), PkiFailureInfo.UnacceptedExtension);
    }

    [Fact]
    public async Task OverlongNonce_IsBadRequest() =>
        TsaClient.AssertRejected(
            await PostAsync(new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32], new BigInteger(1, new byte[40]).Add(BigInteger.One.ShiftLeft(300)))),
            PkiFailureInfo.BadRequest);

    public static TheoryData<string, byte[]> Garbage => new()
    {
        { "empty", [] },
        { "random", RandomNumberGenerator.GetBytes(200) },
        { "truncated", [0x30, 0x82, 0x01, 0x00, 0x02, 0x01] },
        { "deep", [.. Enumerable.Repeat(new byte[] { 0x30, 0x80 }, 3000).SelectMany(b => b)] },
        { "huge", new byte[100_000] },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task GarbageBody_IsBadDataFormat(string what, byte[] body)
    {
        Assert.NotNull(what);
        TsaClient.AssertRejected(await TsaClient.PostAsync(Client, body), PkiFailureInfo.BadDataFormat);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    public async Task WrongContentType_IsBadDataFormat(string contentType) =>
        TsaClient.AssertRejected(
            await TsaClient.PostAsync(Client, new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]).GetEncoded(), contentType),
            PkiFailureInfo.BadDataFormat);

    [Fact]
    public async Task ContentTypeWithParameters_IsAccepted()
    {
        var reply = await TsaClient.PostAsync(Client,
            new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]).GetEncoded(), "application/timestamp-query; charset=binary");

        Assert.Equal(0, new TimeStampResponse(reply).Status);
    }

    [Fact]
    public async Task Sha3AndSha384Imprints_AreGranted()
    {
        foreach (var (algorithm, length) in new[] { (TspAlgorithms.Sha3_256, 32), (TspAlgorithms.Sha3_512, 64), (TspAlgorithms.Sha384, 48), (TspAlgorithms.SM3, 32) })
        {
            Assert.Equal(0, new TimeStampResponse(await PostAsync(new TimeStampRequestGenerator().Generate(algorithm, new byte[length]))).Status);
        }
    }

    private Task<byte[]> PostAsync(TimeStampRequest request) => TsaClient.PostAsync(Client, request.GetEncoded());
}

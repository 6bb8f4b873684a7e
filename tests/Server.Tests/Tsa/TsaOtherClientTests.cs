using Org.BouncyCastle.Math;
using Org.BouncyCastle.Tsp;
using Org.BouncyCastle.X509;
using Pki.Tsa.Verification;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Server.Tests.Tsa;

/// <summary>.NET's and Bouncy Castle's time-stamp clients, for every TSA key type.</summary>
public sealed class TsaDotNetClientTests(TsaFixture fixture) : IClassFixture<TsaFixture>
{
    [Fact]
    public async Task DotNetRequest_ProcessesAndVerifiesTheToken()
    {
        var data = "Approval 2026-114"u8.ToArray();
        var nonce = RandomNumberGenerator.GetBytes(8);
        nonce[0] &= 0x7F;
        var request = Rfc3161TimestampRequest.CreateFromData(data, HashAlgorithmName.SHA256, requestSignerCertificates: true, nonce: nonce);

        var reply = await TsaClient.PostAsync(fixture.Server.HttpClient(), request.Encode());
        var token = request.ProcessResponse(reply, out _);

        Assert.True(token.VerifySignatureForData(data, out var signer));
        Assert.Contains(signer!.Extensions.OfType<X509EnhancedKeyUsageExtension>(), e => e.Critical);
        Assert.Equal(nonce, token.TokenInfo.GetNonce()!.Value.ToArray());
        Assert.False(token.VerifySignatureForData("something else"u8, out _));
    }
}

public sealed class Ed25519TsaTests(Ed25519TsaFixture fixture) : IClassFixture<Ed25519TsaFixture>
{
    [Fact]
    public async Task Ed25519Token_VerifiesWithBouncyCastle() => await TsaTokenChecks.VerifyWithBouncyCastleAsync(fixture, TspAlgorithms.Sha512, "1.3.101.112");
}

public sealed class Sm2TsaTests(Sm2TsaFixture fixture) : IClassFixture<Sm2TsaFixture>
{
    [Fact]
    public async Task Sm2Token_VerifiesWithBouncyCastle() => await TsaTokenChecks.VerifyWithBouncyCastleAsync(fixture, TspAlgorithms.SM3, "1.2.156.10197.1.501");
}

internal static class TsaTokenChecks
{
    /// <summary>Bouncy Castle's TSP classes check the token; our verifier checks the chain too.</summary>
    public static async Task VerifyWithBouncyCastleAsync(TsaServerFixture fixture, string hashAlgorithm, string signatureAlgorithm)
    {
        var data = "Data-exchange hub batch 77"u8.ToArray();
        var digest = Org.BouncyCastle.Security.DigestUtilities.CalculateDigest(hashAlgorithm, data);
        var generator = new TimeStampRequestGenerator();
        generator.SetCertReq(true);
        var request = generator.Generate(hashAlgorithm, digest, BigInteger.ValueOf(42));

        var bytes = await TsaClient.PostAsync(fixture.Server.HttpClient(), request.GetEncoded());
        var response = new TimeStampResponse(bytes);
        response.Validate(request);
        var token = response.TimeStampToken;
        var signer = token.GetCertificates().EnumerateMatches(null).Single(c => token.SignerID.Match(c));
        token.Validate(signer);

        Assert.Equal(signatureAlgorithm, token.ToCmsSignedData().GetSignerInfos().GetSigners().Single().SignatureAlgorithm.Algorithm.Id);
        var root = new X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(fixture.Work.File("root-ca.pem")));
        var verification = TokenVerifier.Verify(bytes, root.GetEncoded(), data, null);
        Assert.True(verification.Valid, string.Join("\n", verification.Report));
        Assert.False(TokenVerifier.Verify(bytes, root.GetEncoded(), "other"u8.ToArray(), null).Valid);
    }
}

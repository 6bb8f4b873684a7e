using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Tsp;
using TestSupport;

namespace Server.Tests.Tsa;

/// <summary>OpenSSL as the client and the verifier of our time-stamps.</summary>
public sealed class TsaOpenSslTests(TsaFixture fixture) : IClassFixture<TsaFixture>
{
    public static TheoryData<string, bool, bool> Queries()
    {
        var data = new TheoryData<string, bool, bool>();
        foreach (var hash in new[] { "sha256", "sha384", "sha512" })
        {
            data.Add(hash, true, true);
            data.Add(hash, false, false);
        }

        data.Add("sha256", true, false);
        data.Add("sha256", false, true);
        return data;
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task OpenSslQuery_VerifiesWithOpenSsl(string hash, bool certificate, bool nonce)
    {
        var openssl = ExternalTool.Require("openssl");
        var name = $"{hash}-{certificate}-{nonce}";
        List<string> query = ["ts", "-query", "-data", "document.txt", "-" + hash, "-out", name + ".tsq"];
        if (certificate)
        {
            query.Add("-cert");
        }

        if (!nonce)
        {
            query.Add("-no_nonce");
        }

        Assert.Equal(0, (await ExternalTool.RunAsync(openssl, query, fixture.Work.Path)).ExitCode);
        var reply = await TsaClient.PostAsync(fixture.Server.HttpClient(), await File.ReadAllBytesAsync(fixture.Work.File(name + ".tsq")));
        await File.WriteAllBytesAsync(fixture.Work.File(name + ".tsr"), reply);

        var verify = await ExternalTool.RunAsync(openssl,
            ["ts", "-verify", "-in", name + ".tsr", "-queryfile", name + ".tsq", "-CAfile", "root-ca.pem", "-untrusted", "tsa-chain.pem"], fixture.Work.Path);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("Verification: OK", verify.Output, StringComparison.Ordinal);

        var text = await ExternalTool.RunAsync(openssl, ["ts", "-reply", "-in", name + ".tsr", "-text"], fixture.Work.Path);
        Assert.Contains("Status: Granted.", text.Output, StringComparison.Ordinal);
        Assert.Contains("Hash Algorithm: " + hash, text.Output, StringComparison.Ordinal);
        Assert.Contains("Policy OID: " + global::Pki.Tsa.TsaOptions.PlatformPolicy, text.Output, StringComparison.Ordinal);
        Assert.Contains("Accuracy: 0x01 seconds", text.Output, StringComparison.Ordinal);
        Assert.Contains("Ordering: no", text.Output, StringComparison.Ordinal);
        Assert.Equal(nonce, !text.Output.Contains("Nonce: unspecified", StringComparison.Ordinal));
        Assert.Matches(@"Time stamp: .* \d\d:\d\d:\d\d\.\d+ \d{4} GMT", text.Output);

        var token = new TimeStampResponse(reply).TimeStampToken;
        Assert.Equal(certificate, token.GetCertificates().EnumerateMatches(null).Any());
    }

    [Fact]
    public async Task Token_SignedAttributes_CarryEssCertIdV2Only()
    {
        var request = new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]);

        var token = new TimeStampResponse(await TsaClient.PostAsync(fixture.Server.HttpClient(), request.GetEncoded())).TimeStampToken;

        Assert.NotNull(token.SignedAttributes[PkcsObjectIdentifiers.IdAASigningCertificateV2]);
        Assert.Null(token.SignedAttributes[PkcsObjectIdentifiers.IdAASigningCertificate]);
    }

    [Fact]
    public async Task CertificateChain_StartsWithTheTsaCertificateWithCriticalTimeStampingEku()
    {
        var openssl = ExternalTool.Require("openssl");

        var text = await ExternalTool.RunAsync(openssl, ["x509", "-in", "tsa-chain.pem", "-noout", "-text"], fixture.Work.Path);

        Assert.Contains("X509v3 Extended Key Usage: critical", text.Output, StringComparison.Ordinal);
        Assert.Contains("Time Stamping", text.Output, StringComparison.Ordinal);
        Assert.Equal(3, (await File.ReadAllTextAsync(fixture.Work.File("tsa-chain.pem"))).Split("BEGIN CERTIFICATE").Length - 1);
    }
}

public sealed class RsaTsaOpenSslTests(RsaTsaFixture fixture) : IClassFixture<RsaTsaFixture>
{
    [Fact]
    public async Task RsaToken_VerifiesWithOpenSsl()
    {
        var openssl = ExternalTool.Require("openssl");
        await ExternalTool.RunAsync(openssl, ["ts", "-query", "-data", "document.txt", "-sha512", "-cert", "-out", "rsa.tsq"], fixture.Work.Path);
        await File.WriteAllBytesAsync(fixture.Work.File("rsa.tsr"),
            await TsaClient.PostAsync(fixture.Server.HttpClient(), await File.ReadAllBytesAsync(fixture.Work.File("rsa.tsq"))));

        var verify = await ExternalTool.RunAsync(openssl,
            ["ts", "-verify", "-in", "rsa.tsr", "-queryfile", "rsa.tsq", "-CAfile", "root-ca.pem", "-untrusted", "tsa-chain.pem"], fixture.Work.Path);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        var text = await ExternalTool.RunAsync(openssl, ["x509", "-in", "tsa-chain.pem", "-noout", "-text"], fixture.Work.Path);
        Assert.Contains("rsaEncryption", text.Output, StringComparison.Ordinal);
    }
}

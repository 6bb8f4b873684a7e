using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using TestSupport;

namespace Server.Tests.Signatures.Validation;

/// <summary>POST /signatures/verify on the running platform, with CAdES signatures OpenSSL made over certificates the platform issued.</summary>
public sealed class VerifyEndpointTests(VerificationFixture fixture) : IClassFixture<VerificationFixture>
{
    [Theory]
    [InlineData("ec")]
    [InlineData("rsa")]
    public async Task Verify_OpenSslCadesEncapsulated_IsTotalPassed(string key)
    {
        var signer = await fixture.SignerAsync(key);

        var answer = await fixture.VerifyAsync(await fixture.OpenSslSignAsync(signer));

        ReportAssert.Verdict(answer, "TOTAL-PASSED");
        Assert.Equal(signer.SerialNumber, answer.Body.GetProperty("signer").GetProperty("serialNumber").GetString());
        Assert.Equal("B-B", answer.Body.GetProperty("level").GetString());
        Assert.True(answer.Body.TryGetProperty("signingTime", out _));
        Assert.Equal("passed", ReportAssert.Check(answer.Body, "revocation").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Verify_BouncyCastleEd25519OverPlatformCertificate_IsTotalPassed()
    {
        var signer = await fixture.SignerAsync("ed25519");

        var answer = await fixture.VerifyAsync(await BouncyCastleCades.SignAsync(fixture, signer, "Ed25519", fixture.Document));

        ReportAssert.Verdict(answer, "TOTAL-PASSED");
        Assert.Equal("Ed25519", answer.Body.GetProperty("signer").GetProperty("signatureAlgorithm").GetString());
    }

    [Fact]
    public async Task Verify_OpenSslCadesDetachedWithContent_IsTotalPassed()
    {
        var signer = await fixture.SignerAsync();

        var answer = await fixture.VerifyAsync(await fixture.OpenSslSignAsync(signer, detached: true), fixture.Document);

        ReportAssert.Verdict(answer, "TOTAL-PASSED");
    }

    [Fact]
    public async Task Verify_OpenSslCadesDetachedWithoutContent_IsSignedDataNotFound()
    {
        var signer = await fixture.SignerAsync();

        var answer = await fixture.VerifyAsync(await fixture.OpenSslSignAsync(signer, detached: true));

        ReportAssert.Verdict(answer, "INDETERMINATE", "SIGNED_DATA_NOT_FOUND");
    }

    [Fact]
    public async Task Verify_TamperedContent_IsHashFailure()
    {
        var signer = await fixture.SignerAsync();
        var signature = await fixture.OpenSslSignAsync(signer, detached: true);
        var tampered = fixture.Document;
        tampered[^1] ^= 0x20;

        var answer = await fixture.VerifyAsync(signature, tampered);

        ReportAssert.Verdict(answer, "TOTAL-FAILED", "HASH_FAILURE");
    }

    [Fact]
    public async Task Verify_ForgedSignatureByte_IsSigCryptoFailure()
    {
        var signer = await fixture.SignerAsync();
        var signature = await fixture.OpenSslSignAsync(signer);
        var signed = new Org.BouncyCastle.Cms.CmsSignedData(signature);
        var value = signed.GetSignerInfos().GetSigners().Single().GetSignature();
        var at = signature.AsSpan().IndexOf(value);
        signature[at + value.Length - 1] ^= 0x01;

        var answer = await fixture.VerifyAsync(signature);

        ReportAssert.Verdict(answer, "TOTAL-FAILED", "SIG_CRYPTO_FAILURE");
    }

    [Fact]
    public async Task Verify_SignerCertificateSwapped_IsNoSigningCertificateFound()
    {
        var signer = await fixture.SignerAsync();
        var other = await fixture.SignerAsync();
        var signed = new Org.BouncyCastle.Cms.CmsSignedData(await fixture.OpenSslSignAsync(signer));
        var otherCertificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(await File.ReadAllBytesAsync(fixture.Work.File(other.Name + ".pem")));
        var chain = signed.GetCertificates().EnumerateMatches(null).Where(c => c.SerialNumber.ToString(16) != signer.SerialNumber);
        var swapped = Org.BouncyCastle.Cms.CmsSignedData.ReplaceCertificatesAndRevocations(signed,
            Org.BouncyCastle.Utilities.Collections.CollectionUtilities.CreateStore(chain.Append(otherCertificate).ToList()), null, null, null);

        var answer = await fixture.VerifyAsync(swapped.GetEncoded());

        ReportAssert.Verdict(answer, "INDETERMINATE", "NO_SIGNING_CERTIFICATE_FOUND");
    }

    [Fact]
    public async Task Verify_OpenSslSelfSignedSigner_IsNoCertificateChainFound()
    {
        var openssl = ExternalTool.Require("openssl");
        var made = await ExternalTool.RunAsync(openssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "self.key",
            "-out", "self.pem", "-subj", "/CN=Self Signed", "-days", "30", "-addext", "keyUsage=critical,digitalSignature,nonRepudiation"], fixture.Work.Path);
        Assert.True(made.ExitCode == 0, made.ToString());
        var signed = await ExternalTool.RunAsync(openssl, ["cms", "-sign", "-cades", "-binary", "-md", "sha256", "-nodetach", "-in", "document.txt",
            "-signer", "self.pem", "-inkey", "self.key", "-outform", "DER", "-out", "self.p7s"], fixture.Work.Path);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var answer = await fixture.VerifyAsync(await File.ReadAllBytesAsync(fixture.Work.File("self.p7s")));

        ReportAssert.Verdict(answer, "INDETERMINATE", "NO_CERTIFICATE_CHAIN_FOUND");
    }

    [Fact]
    public async Task Verify_TruncatedSignature_IsFormatFailureReport()
    {
        var signer = await fixture.SignerAsync();
        var signature = await fixture.OpenSslSignAsync(signer);

        var answer = await fixture.VerifyAsync(signature[..(signature.Length / 2)]);

        ReportAssert.Verdict(answer, "TOTAL-FAILED", "FORMAT_FAILURE");
    }

    [Fact]
    public async Task Verify_Garbage_IsFormatFailureReport()
    {
        var answer = await fixture.VerifyAsync(Encoding.ASCII.GetBytes("<html>not a signature</html>"));

        ReportAssert.Verdict(answer, "TOTAL-FAILED", "FORMAT_FAILURE");
    }

    [Theory]
    [InlineData("{\"signature\":\"not base64!\"}", "verification-signature-invalid")]
    [InlineData("{\"content\":\"AAAA\"}", "verification-signature-invalid")]
    [InlineData("{\"signature\":\"\"}", "verification-signature-invalid")]
    [InlineData("{\"signature\":\"MAA=\",\"content\":\"%%%\"}", "verification-content-invalid")]
    [InlineData("{\"signature\": 12}", "body-invalid")]
    [InlineData("[1,2", "json-invalid")]
    public async Task Verify_BadRequest_IsProblem(string body, string code)
    {
        using var client = fixture.Server.AdminClient();

        using var response = await client.PostAsync("/signatures/verify", new StringContent(body, Encoding.UTF8, "application/json"));

        await IsProblemAsync(response, code);
    }

    [Fact]
    public async Task Verify_WrongContentType_IsMediaTypeUnsupported()
    {
        using var client = fixture.Server.AdminClient();

        using var response = await client.PostAsync("/signatures/verify", new ByteArrayContent([0x30, 0x00]));

        await IsProblemAsync(response, "media-type-unsupported");
    }

    [Fact]
    public async Task Verify_ContentOverTheLimit_IsTooLarge()
    {
        using var client = fixture.Server.AdminClient();
        var content = new byte[512 * 1024 + 1];

        using var response = await client.PostAsJsonAsync("/signatures/verify", new { signature = "MAA=", content = Convert.ToBase64String(content) });

        await IsProblemAsync(response, "verification-content-too-large");
    }

    [Fact]
    public async Task Verify_BodyOverTheLimit_IsBodyTooLarge()
    {
        // Only the head is sent: the server refuses by the declared length, so the answer cannot race a body still being written.
        await using var connection = await Server.Tests.Bodies.RawHttpConnection.AdminAsync(fixture.Server);
        await connection.SendAsync(Server.Tests.Bodies.RawHttpConnection.Head("/signatures/verify", "application/json", 2 * 1024 * 1024));

        var answer = await connection.ReadAnswerAsync(TimeSpan.FromSeconds(60));

        Assert.NotNull(answer);
        Assert.Equal(413, answer.Status);
        Assert.Contains("body-too-large", answer.Text);
    }

    [Fact]
    public async Task Verify_Anonymous_IsRefused()
    {
        using var client = fixture.Server.HttpsClient();

        using var response = await client.PostAsJsonAsync("/signatures/verify", new { signature = "MAA=" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static Task<System.Text.Json.JsonElement> IsProblemAsync(HttpResponseMessage response, string code) =>
        ProblemAssert.IsProblemAsync(response, (HttpStatusCode)Platform.Http.ProblemCodes.All.Single(c => c.Value == code).Status, code);
}

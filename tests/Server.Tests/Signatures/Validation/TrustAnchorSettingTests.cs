using Server.Tests.Hosting;
using TestSupport;

namespace Server.Tests.Signatures.Validation;

/// <summary>Signatures:TrustAnchors: roots of other CAs whose signatures the platform validates, checked at start-up.</summary>
public sealed class TrustAnchorSettingTests
{
    [Fact]
    public async Task Start_TrustAnchorFileMissing_RefusesToStart()
    {
        using var data = new TemporaryDirectory();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            PlatformServer.StartAsync(data.Path, "--Signatures:TrustAnchors:0", data.File("no-such-root.pem")));

        Assert.Contains("Signatures:TrustAnchors", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SignerUnderConfiguredAnchor_ChainsToIt()
    {
        var openssl = ExternalTool.Require("openssl");
        using var data = new TemporaryDirectory();
        using var work = new TemporaryDirectory();
        await File.WriteAllTextAsync(work.File("document.txt"), "A letter from another city.");
        string[][] steps =
        [
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=Other City Root",
                "-days", "30", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "signer.key", "-out", "signer.csr", "-subj", "/CN=Other City Clerk"],
            ["x509", "-req", "-in", "signer.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-days", "10", "-out", "signer.pem",
                "-extfile", "ext.cnf"],
            ["cms", "-sign", "-cades", "-binary", "-md", "sha256", "-nodetach", "-in", "document.txt", "-signer", "signer.pem", "-inkey", "signer.key",
                "-outform", "DER", "-out", "letter.p7s"],
        ];
        await File.WriteAllTextAsync(work.File("ext.cnf"), "keyUsage=critical,digitalSignature,nonRepudiation\n");
        foreach (var step in steps)
        {
            var run = await ExternalTool.RunAsync(openssl, step, work.Path);
            Assert.True(run.ExitCode == 0, run.ToString());
        }

        await using var server = await PlatformServer.StartAsync(data.Path, "--Signatures:TrustAnchors:0", work.File("ca.pem"));
        await using var verifier = new VerifierClient(server);

        var answer = await verifier.VerifyAsync(await File.ReadAllBytesAsync(work.File("letter.p7s")));

        // The chain is found; the other CA's revocation data is nowhere to be had, so the status is unknown.
        Assert.Equal("passed", ReportAssert.Check(answer.Body, "certificate-chain").GetProperty("status").GetString());
        ReportAssert.Verdict(answer, "INDETERMINATE", "TRY_LATER");
    }
}

using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Revocation;

/// <summary>Revocation as OpenSSL and GnuTLS see it: OCSP, CRLs and delta CRLs.</summary>
public sealed class RevocationInteropTests(RevocationFixture fixture) : IClassFixture<RevocationFixture>
{
    private string Work => fixture.Work.Path;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task OpenSslOcsp_GoodThenRevoked_ReportsStatusAndReason(bool nonce)
    {
        var openssl = ExternalTool.Require("openssl");
        var name = "ocsp-" + (nonce ? "nonce" : "plain");
        var serial = await fixture.IssueToFileAsync(name);

        var good = await OcspAsync(openssl, name + ".pem", nonce);
        Assert.Contains($"{name}.pem: good", good.Output, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", good.Output + good.Error, StringComparison.Ordinal);

        await RevokeAsync(serial, "keyCompromise");
        var revoked = await OcspAsync(openssl, name + ".pem", nonce);
        Assert.Contains($"{name}.pem: revoked", revoked.Output, StringComparison.Ordinal);
        Assert.Contains("Reason: keyCompromise", revoked.Output, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", revoked.Output + revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslOcsp_SerialNeverIssued_ReportsUnknown()
    {
        var openssl = ExternalTool.Require("openssl");

        var result = await ExternalTool.RunAsync(openssl,
            ["ocsp", "-issuer", "issuing-ca.pem", "-serial", "0x7a1b2c3d4e5f60718293", "-url", Ocsp, "-CAfile", "root-ca.pem"], Work);

        Assert.Contains("0x7a1b2c3d4e5f60718293: unknown", result.Output, StringComparison.Ordinal);
        Assert.Contains("Response verify OK", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslOcsp_IssuingCaAskedOfRoot_ReportsGood()
    {
        var openssl = ExternalTool.Require("openssl");

        var result = await ExternalTool.RunAsync(openssl,
            ["ocsp", "-issuer", "root-ca.pem", "-cert", "issuing-ca.pem", "-url", Ocsp, "-CAfile", "root-ca.pem"], Work);

        Assert.Contains("issuing-ca.pem: good", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslVerify_CrlCheck_RejectsRevokedAndAcceptsGood()
    {
        var openssl = ExternalTool.Require("openssl");
        await fixture.IssueToFileAsync("crl-good");
        await RevokeAsync(await fixture.IssueToFileAsync("crl-bad"), "affiliationChanged");
        var issuingCrl = await fixture.DownloadCrlAsync("issuing");
        var rootCrl = await fixture.DownloadCrlAsync("root");

        foreach (var mode in new[] { "-crl_check", "-crl_check_all" })
        {
            string[] common = ["verify", mode, "-CAfile", "root-ca.pem", "-untrusted", "issuing-ca.pem", "-CRLfile", issuingCrl, "-CRLfile", rootCrl];
            var good = await ExternalTool.RunAsync(openssl, [.. common, "crl-good.pem"], Work);
            var bad = await ExternalTool.RunAsync(openssl, [.. common, "crl-bad.pem"], Work);

            Assert.True(good.ExitCode == 0, good.ToString());
            Assert.NotEqual(0, bad.ExitCode);
            Assert.Contains("certificate revoked", bad.Output + bad.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("issuing", "ca-chain.pem")]
    [InlineData("root", "root-ca.pem")]
    public async Task OpenSslCrl_Verify_SignatureAndNumberAreRead(string ca, string trust)
    {
        var openssl = ExternalTool.Require("openssl");
        var crl = await fixture.DownloadCrlAsync(ca);

        var result = await ExternalTool.RunAsync(openssl, ["crl", "-verify", "-CAfile", trust, "-in", crl, "-noout", "-text"], Work);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("verify OK", result.Output + result.Error, StringComparison.Ordinal);
        Assert.Contains("X509v3 CRL Number", result.Output, StringComparison.Ordinal);
        Assert.Contains("Freshest CRL", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeltaCrl_AgainstTheOlderFullCrl_CarriesTheNewRevocation()
    {
        var openssl = ExternalTool.Require("openssl");
        await RevokeAsync(await fixture.IssueToFileAsync("delta-first"), "superseded");
        var olderFull = await fixture.DownloadCrlAsync("issuing");
        var later = await fixture.IssueToFileAsync("delta-later");
        await RevokeAsync(later, "keyCompromise");
        var delta = await fixture.DownloadCrlAsync("issuing", delta: true);

        var text = await ExternalTool.RunAsync(openssl, ["crl", "-in", delta, "-noout", "-text", "-verify", "-CAfile", "ca-chain.pem"], Work);
        Assert.Contains("Delta CRL Indicator", text.Output, StringComparison.Ordinal);
        Assert.Contains(later.ToUpperInvariant(), text.Output, StringComparison.Ordinal);

        string[] common = ["verify", "-crl_check", "-CAfile", "root-ca.pem", "-untrusted", "issuing-ca.pem", "-CRLfile", olderFull];
        var withoutDelta = await ExternalTool.RunAsync(openssl, [.. common, "delta-later.pem"], Work);
        var withDelta = await ExternalTool.RunAsync(openssl, [.. common, "-use_deltas", "-CRLfile", delta, "delta-later.pem"], Work);
        Assert.True(withoutDelta.ExitCode == 0, "the older full CRL predates the revocation: " + withoutDelta);
        Assert.NotEqual(0, withDelta.ExitCode);
        Assert.Contains("certificate revoked", withDelta.Output + withDelta.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CertTool_LoadCrl_AgreesWithOpenSsl()
    {
        var certtool = ExternalTool.Require("certtool");
        await fixture.IssueToFileAsync("gnutls-good");
        await RevokeAsync(await fixture.IssueToFileAsync("gnutls-bad"), "cessationOfOperation");
        var crl = await fixture.DownloadCrlAsync("issuing");
        var issuing = await File.ReadAllTextAsync(Path.Combine(Work, "issuing-ca.pem"));
        foreach (var name in new[] { "gnutls-good", "gnutls-bad" })
        {
            await File.WriteAllTextAsync(Path.Combine(Work, name + "-chain.pem"), await File.ReadAllTextAsync(Path.Combine(Work, name + ".pem")) + issuing);
        }

        var good = await ExternalTool.RunAsync(certtool,
            ["--verify", "--load-ca-certificate", "root-ca.pem", "--load-crl", crl, "--infile", "gnutls-good-chain.pem"], Work);
        var bad = await ExternalTool.RunAsync(certtool,
            ["--verify", "--load-ca-certificate", "root-ca.pem", "--load-crl", crl, "--infile", "gnutls-bad-chain.pem"], Work);

        Assert.True(good.ExitCode == 0, good.ToString());
        Assert.Contains("Chain verification output: Verified", good.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("revoked", bad.Output, StringComparison.Ordinal);
    }

    private string Ocsp => new Uri(fixture.Server.Http, "/pki/ocsp").ToString();

    private Task<ToolResult> OcspAsync(string openssl, string certificate, bool nonce)
    {
        List<string> arguments = ["ocsp", "-issuer", "issuing-ca.pem", "-cert", certificate, "-url", Ocsp, "-CAfile", "root-ca.pem", "-resp_text"];
        if (!nonce)
        {
            arguments.Add("-no_nonce");
        }

        return ExternalTool.RunAsync(openssl, arguments, Work);
    }

    private async Task RevokeAsync(string serial, string reason)
    {
        using var admin = fixture.Server.AdminClient();
        using var response = await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason });
        response.EnsureSuccessStatusCode();
    }
}

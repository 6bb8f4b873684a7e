using Server.Cli;
using Server.Tests.Interop;
using TestSupport;

namespace Server.Tests.Ceremonies;

/// <summary>
/// The steps at an offline root, on a data directory of its own: <c>pki root create</c>,
/// <c>pki ca sign</c> from an issuing CA's CSR and <c>pki crl sign</c>, checked with openssl, and
/// audited in that directory's trail.
/// </summary>
public sealed class RootCeremonyTests : IDisposable
{
    private readonly TemporaryDirectory offline = new();
    private readonly TemporaryDirectory work = new();

    public void Dispose()
    {
        offline.Dispose();
        work.Dispose();
    }

    [Fact]
    public async Task Ceremony_CreateRootSignCaFromCsrSignCrl_OpenSslVerifiesEach_NoDefaultCaCreated()
    {
        ExternalTool.Require("openssl");
        var root = work.File("gov-root.pem");
        Assert.Equal(0, await CommandLine.RunAsync(["pki", "root", "create", "--name", "gov-root", "--subject", "CN=City Gov Root,O=City",
            "--algorithm", "ECDSA-P384", "--out", root, "--Platform:DataDirectory", offline.Path]));
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "root", "create", "--name", "gov-root", "--subject", "CN=Again,O=City",
            "--out", work.File("again.pem"), "--Platform:DataDirectory", offline.Path]));
        Assert.Contains("CN = City Gov Root", await OpenSsl.OutputAsync("x509", "-in", root, "-noout", "-subject"), StringComparison.Ordinal);

        // The issuing CA's key and CSR, made where the issuing CA will run (openssl here).
        var key = work.File("issuing.key");
        var csr = work.File("issuing.csr");
        await OpenSsl.OutputAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes", "-keyout", key,
            "-subj", "/CN=City Gov Issuing CA/O=City", "-out", csr);
        var issuing = work.File("gov-issuing.pem");
        Assert.Equal(0, await CommandLine.RunAsync(["pki", "ca", "sign", "--issuer", "gov-root", "--csr", csr, "--out", issuing,
            "--Platform:DataDirectory", offline.Path]));
        var verified = await OpenSsl.RunAsync("verify", "-x509_strict", "-CAfile", root, issuing);
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("CA:TRUE, pathlen:0", await OpenSsl.OutputAsync("x509", "-in", issuing, "-noout", "-ext", "basicConstraints"), StringComparison.Ordinal);

        // A CSR of another algorithm does not join a P-384 hierarchy.
        var otherCsr = work.File("other.csr");
        await OpenSsl.OutputAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", work.File("other.key"),
            "-subj", "/CN=Other", "-out", otherCsr);
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "ca", "sign", "--issuer", "gov-root", "--csr", otherCsr, "--out", work.File("x.pem"),
            "--Platform:DataDirectory", offline.Path]));

        var crl = work.File("gov-root.crl");
        Assert.Equal(0, await CommandLine.RunAsync(["pki", "crl", "sign", "--ca", "gov-root", "--out", crl, "--Platform:DataDirectory", offline.Path]));
        var crlCheck = await OpenSsl.RunAsync("crl", "-inform", "DER", "-in", crl, "-CAfile", root, "-noout");
        Assert.True(crlCheck.ExitCode == 0 && crlCheck.Error.Contains("verify OK", StringComparison.Ordinal), crlCheck.ToString());

        // The ceremony directory holds the root only: no default hierarchy was made there.
        Assert.False(File.Exists(Path.Combine(offline.Path, "root-ca.pem")));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", "--data-dir", offline.Path]));
    }

    [Fact]
    public async Task Ceremony_BadUsage_ExitsTwo_UnknownCa_ExitsOne()
    {
        Assert.Equal(2, await CommandLine.RunAsync(["pki", "root", "destroy"]));
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "root", "create", "--name", "x-root", "--Platform:DataDirectory", offline.Path]));
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "crl", "sign", "--ca", "nowhere", "--out", work.File("n.crl"), "--Platform:DataDirectory", offline.Path]));
        Assert.Equal(1, await CommandLine.RunAsync(["pki", "root", "create", "--name", "Bad_Name", "--subject", "CN=x", "--out", work.File("b.pem"),
            "--Platform:DataDirectory", offline.Path]));
    }
}

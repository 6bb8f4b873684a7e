using Server.Cli;
using Server.Tests.Hosting;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>What <c>audit verify --url</c> says when the URL or the certificate cannot read the log.</summary>
public sealed class AuditCommandAdviceTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public void Check_PlainHttpUrl_NamesTheHttpsListenerAndTheCertificateFlags()
    {
        var advice = AuditHttpClient.Check(AuditCommandOptions.Parse(["--url", "http://127.0.0.1:5000", "--cert", "a", "--key", "b", "--ca", "c"])!);

        Assert.NotNull(advice);
        Assert.Contains("https://127.0.0.1:5001/", advice, StringComparison.Ordinal);
        Assert.Contains("--cert", advice, StringComparison.Ordinal);
        Assert.Contains("--key", advice, StringComparison.Ordinal);
        Assert.Contains("auditor", advice, StringComparison.Ordinal);
        Assert.Contains("administrator", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoCertificate_NamesTheFlagsAndTheRoles()
    {
        var advice = AuditHttpClient.Check(AuditCommandOptions.Parse(["--url", "https://127.0.0.1:5001"])!);

        Assert.NotNull(advice);
        Assert.Contains("--cert CERT.pem --key KEY.pem", advice, StringComparison.Ordinal);
        Assert.Contains("auditor", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Forbidden_SaysTheRoleIsMissing()
    {
        var explanation = AuditHttpClient.Explain(new HttpRequestException("403", null, HttpStatusCode.Forbidden));

        Assert.NotNull(explanation);
        Assert.Contains("auditor", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyUrl_CertificateWithoutOfficerRole_ExitsOne()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=Clerk,O=City", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var issued = await server.IssueAsync(csr, "tls-client");
        await File.WriteAllTextAsync(data.File("clerk.pem"), issued.Certificate);
        await File.WriteAllTextAsync(data.File("clerk.key"), key.ExportPkcs8PrivateKeyPem());
        using (var admin = server.AdminClient())
        using (var publish = await admin.PostAsync("/audit/checkpoint", null))
        {
            publish.EnsureSuccessStatusCode(); // a checkpoint with entries, which only an officer may read
        }

        var status = await CommandLine.RunAsync(["audit", "verify", "--url", server.Https.ToString(),
            "--cert", data.File("clerk.pem"), "--key", data.File("clerk.key"), "--ca", server.DataFile("root-ca.pem")]);

        Assert.Equal(1, status);
    }
}

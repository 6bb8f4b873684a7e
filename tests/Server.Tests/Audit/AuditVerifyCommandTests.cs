using Audit.Verification;
using Microsoft.Data.Sqlite;
using Server.Cli;
using Server.Tests.Hosting;
using System.Net.Http.Json;
using System.Text;
using TestSupport;

namespace Server.Tests.Audit;

public sealed class AuditVerifyCommandTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task VerifyUrl_HealthyServer_ExitsZero()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RefuseAsync(server, 5);

        var status = await CommandLine.RunAsync(["audit", "verify", "--url", server.Https.ToString(),
            "--cert", server.DataFile("admin.pem"), "--key", server.DataFile("admin.key"), "--ca", server.DataFile("root-ca.pem")]);

        Assert.Equal(0, status);
    }

    [Fact]
    public async Task VerifyUrl_EntryEditedOnDisk_ReportsIt()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        await RefuseAsync(server, 5);
        using (var admin = server.AdminClient())
        using (await admin.PostAsync("/audit/checkpoint", null))
        {
        }

        await using (var connection = new SqliteConnection($"Data Source={server.DataFile("audit.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE entries SET entry = CAST(replace(CAST(entry AS TEXT), 'probe-3', 'probe-X') AS BLOB) WHERE CAST(entry AS TEXT) LIKE '%probe-3%'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        using var client = server.AdminClient();
        client.BaseAddress = server.Https;
        var report = await OnlineVerifier.VerifyAsync(client);
        var status = await CommandLine.RunAsync(["audit", "verify", "--url", server.Https.ToString(),
            "--cert", server.DataFile("admin.pem"), "--key", server.DataFile("admin.key"), "--ca", server.DataFile("root-ca.pem")]);

        Assert.False(report.Verified);
        Assert.Contains(report.Problems, p => p.Contains("do not hash to the root", StringComparison.Ordinal));
        Assert.Equal(1, status);
    }

    [Fact]
    public async Task VerifyUrl_WrongRootCa_ExitsOne()
    {
        await using var server = await PlatformServer.StartAsync(data.Path);
        using var other = new TemporaryDirectory();
        await File.WriteAllTextAsync(other.File("root.pem"), CertificatePem());

        var status = await CommandLine.RunAsync(["audit", "verify", "--url", server.Https.ToString(),
            "--cert", server.DataFile("admin.pem"), "--key", server.DataFile("admin.key"), "--ca", other.File("root.pem")]);

        Assert.Equal(1, status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("verify")]
    [InlineData("verify --data-dir")]
    [InlineData("verify --data-dir a --url https://x")]
    [InlineData("verify --url https://127.0.0.1:1")]
    [InlineData("check --data-dir a")]
    public async Task Audit_BadUsage_ExitsTwo(string arguments)
    {
        Assert.Equal(2, await CommandLine.RunAsync(["audit", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]));
    }

    [Fact]
    public async Task VerifyDataDir_NoDatabase_ExitsOne()
    {
        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", "--data-dir", data.Path]));
    }

    private static async Task RefuseAsync(PlatformServer server, int count)
    {
        using var admin = server.AdminClient();
        for (var i = 0; i < count; i++)
        {
            using var response = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"probe-{i}" });
        }
    }

    private static string CertificatePem()
    {
        using var key = System.Security.Cryptography.ECDsa.Create();
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Other Root", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return new string(System.Security.Cryptography.PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";
    }
}

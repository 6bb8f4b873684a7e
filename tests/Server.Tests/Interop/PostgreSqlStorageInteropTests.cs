using Server.Tests.Hosting;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Interop;

/// <summary>
/// The platform on PostgreSQL storage (the scale-out configuration) issues certificates OpenSSL
/// verifies, and finds them again after a restart over the same database.
/// </summary>
public sealed class PostgreSqlStorageInteropTests
{
    [Fact]
    public async Task Issue_OnPostgreSqlStorage_OpenSslVerifiesAndTheCertificateSurvivesARestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        using var work = new TemporaryDirectory();
        string[] storage = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        var csrFile = work.File("web.csr");
        await OpenSsl.OutputAsync("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", work.File("web.key"),
            "-subj", "/CN=web.example.org", "-addext", "subjectAltName=DNS:web.example.org", "-out", csrFile);

        string serial;
        await using (var server = await PlatformServer.StartAsync(data.Path, storage))
        {
            var answer = await Curl.PostJsonAsync(new Uri(server.Https, "/pki/certificates").ToString(), server.DataFile("root-ca.pem"),
                JsonSerializer.Serialize(new { csr = await File.ReadAllTextAsync(csrFile), profile = ProfileRequest.TlsServer }),
                work.Path, server.DataFile("admin.pem"), server.DataFile("admin.key"));
            Assert.True(answer.Status == 201, $"{answer.Status} {answer.Body}");
            using var json = JsonDocument.Parse(answer.Body);
            serial = json.RootElement.GetProperty("serialNumber").GetString()!;
            await File.WriteAllTextAsync(work.File("web.pem"), json.RootElement.GetProperty("certificate").GetString());
        }

        await using (var restarted = await PlatformServer.StartAsync(data.Path, storage))
        {
            var verify = await OpenSsl.VerifyAsync(InteropAlgorithms.EcdsaP256, restarted.DataFile("root-ca.pem"), restarted.DataFile("issuing-ca.pem"),
                work.File("web.pem"), "-purpose", "sslserver", "-verify_hostname", "web.example.org");
            Assert.True(verify.ExitCode == 0, verify.ToString());

            using var admin = restarted.AdminClient();
            using var found = JsonDocument.Parse(await admin.GetStringAsync($"/pki/certificates/{serial}"));
            Assert.Equal(serial, found.RootElement.GetProperty("serialNumber").GetString());
            Assert.Equal("valid", found.RootElement.GetProperty("status").GetString());
        }

        // The embedded default keeps one SQLite file per module here; on PostgreSQL there is none.
        Assert.Empty(Directory.GetFiles(data.Path, "*.db"));
    }
}

using Org.BouncyCastle.Tsp;
using Server.Tests.Hosting;
using Server.Tests.Tsa;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Storage;

/// <summary>The whole platform on PostgreSQL: bootstrap, issuance, revocation, CRLs, OCSP and time-stamps, then a restart.</summary>
public sealed class PostgreSqlHostTests
{
    [Fact]
    public async Task Platform_OnPostgreSql_IssuesRevokesStampsAndSurvivesARestart()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        string[] postgres = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        string serial;
        string root;
        await using (var first = await PlatformServer.StartAsync(data.Path, postgres))
        {
            root = await File.ReadAllTextAsync(first.DataFile("root-ca.pem"));
            serial = (await first.IssueAsync(TestCsrs.Ecdsa("CN=pg.example.org", null, "pg.example.org"), "tls-server")).SerialNumber;
            using var admin = first.AdminClient();
            (await admin.PostAsJsonAsync($"/pki/certificates/{serial}/revoke", new { reason = "keyCompromise" })).EnsureSuccessStatusCode();
            Assert.Equal(HttpStatusCode.OK, (await first.HttpClient().GetAsync("/pki/cas/issuing/crl")).StatusCode);
            var stamp = await TsaClient.PostAsync(first.HttpClient(), new TimeStampRequestGenerator().Generate(TspAlgorithms.Sha256, new byte[32]).GetEncoded());
            Assert.Equal(0, new TimeStampResponse(stamp).Status);
        }

        await using var second = await PlatformServer.StartAsync(data.Path, postgres);
        Assert.Equal(root, await File.ReadAllTextAsync(second.DataFile("root-ca.pem")));
        using var client = second.AdminClient();
        using var found = JsonDocument.Parse(await client.GetStringAsync($"/pki/certificates/{serial}"));
        Assert.Equal("revoked", found.RootElement.GetProperty("status").GetString());
        using var search = JsonDocument.Parse(await client.GetStringAsync("/pki/certificates?subject=PG.EXAMPLE&status=revoked"));
        Assert.Equal(1, search.RootElement.GetProperty("certificates").GetArrayLength());
    }
}

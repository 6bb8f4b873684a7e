using Audit.Verification;
using Npgsql;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary>The whole trail through the real host on PostgreSQL: record, publish, verify online and from the schema.</summary>
public sealed class AuditPostgresHostTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task Trail_OnPostgreSql_RecordsPublishesAndVerifies()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        string[] storage = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        await using (var server = await PlatformServer.StartAsync(data.Path, storage))
        {
            using var admin = server.AdminClient();
            for (var i = 0; i < 5; i++)
            {
                using var refused = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = $"pg-{i}" });
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            using var publish = await admin.PostAsync("/audit/checkpoint", null);
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
            var online = await OnlineVerifier.VerifyAsync(admin);
            Assert.True(online.Verified, string.Join("\n", online.Problems));
            // The bootstrap's twelve (two CAs created; the issuing CA, administrator, HTTPS, two OCSP responders, TSA,
            // attribute authority and gateway certificates issued; the default policies activated; the console
            // registered) and the five refusals.
            Assert.Equal(12 + 5, online.Entries);
        }

        // A restart resumes the tree from PostgreSQL and extends the checkpoint.
        await using (var server = await PlatformServer.StartAsync(data.Path, storage))
        {
            using var admin = server.AdminClient();
            using var refused = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = "pg-after" });
            using var publish = await admin.PostAsync("/audit/checkpoint", null);
            Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
            // One more refusal, and the console's registration brought to this start's listeners when their ports changed.
            var reregistered = (await AuditEvents.ListAsync(admin, "?module=identity&target=console")).Count - 1;
            Assert.Contains($"\n{12 + 5 + 1 + reregistered}\n", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.ConnectionString) { SearchPath = "audit" }.ConnectionString);
        await connection.OpenAsync();
        var offline = await DatabaseVerifier.VerifyAsync(connection);
        Assert.True(offline.Verified, string.Join("\n", offline.Problems));
        Assert.Equal(3, offline.Checkpoints);
    }
}

using Server.Cli;
using Server.Tests.Hosting;
using System.Net;
using System.Net.Http.Json;
using TestSupport;

namespace Server.Tests.Audit;

/// <summary><c>audit verify</c> and <c>audit prove</c> on a PostgreSQL deployment, with the server's own storage options.</summary>
public sealed class AuditPostgresCommandTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task VerifyAndProve_OnPostgreSql_UseTheServersStorageOptions()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        string[] storage = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        string saved;
        await using (var server = await PlatformServer.StartAsync(data.Path, storage))
        {
            using var admin = server.AdminClient();
            using (var refused = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = "pg-probe" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            }

            using var publish = await admin.PostAsync("/audit/checkpoint", null);
            saved = data.File("saved.checkpoint");
            await File.WriteAllTextAsync(saved, await publish.Content.ReadAsStringAsync());
            using var more = await admin.PostAsJsonAsync("/pki/certificates", new { csr = "x", profile = "pg-later" });
            using var again = await admin.PostAsync("/audit/checkpoint", null);
        }

        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", .. storage]));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "verify", .. storage, "--checkpoint", saved]));
        Assert.Equal(0, await CommandLine.RunAsync(["audit", "prove", "--index", "0", .. storage]));

        // A fork of another log is refused on PostgreSQL as on SQLite.
        using var other = new TemporaryDirectory();
        string foreign;
        await using (var server = await PlatformServer.StartAsync(other.Path))
        {
            using var admin = server.AdminClient();
            using var publish = await admin.PostAsync("/audit/checkpoint", null);
            foreign = other.File("foreign.checkpoint");
            await File.WriteAllTextAsync(foreign, await publish.Content.ReadAsStringAsync());
        }

        Assert.Equal(1, await CommandLine.RunAsync(["audit", "verify", .. storage, "--checkpoint", foreign]));
    }
}

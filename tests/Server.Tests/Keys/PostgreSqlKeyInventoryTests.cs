using Npgsql;
using Server.Cli;
using Server.Tests.Hosting;
using System.Text.Json;
using TestSupport;

namespace Server.Tests.Keys;

/// <summary><c>keys list</c> on a PostgreSQL deployment: the records come from the modules' schemas, the event goes to the shared log.</summary>
public sealed class PostgreSqlKeyInventoryTests
{
    [Fact]
    public async Task List_OnPostgreSql_EveryKeyClaimed_EventInTheAuditSchema()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        using var data = new TemporaryDirectory();
        string[] postgres = ["--Platform:Storage:Provider", "PostgreSql", "--Platform:Storage:ConnectionString", database.ConnectionString];
        await using (await PlatformServer.StartAsync(data.Path, postgres))
        {
        }

        var output = new StringWriter();
        Assert.Equal(0, await KeysListCommand.RunAsync(["--json", "--Platform:DataDirectory", data.Path, .. postgres], output));

        using var document = JsonDocument.Parse(output.ToString());
        var entries = document.RootElement.EnumerateArray().ToList();
        Assert.Equal(Directory.GetFiles(Path.Combine(data.Path, "keys"), "*.key").Length, entries.Count);
        Assert.All(entries, e => Assert.True(e.GetProperty("claimed").GetBoolean() && e.GetProperty("store").GetString() == "Software", e.ToString()));
        Assert.Contains(entries, e => e.GetProperty("purposes").EnumerateArray().Any(p => p.GetString() == "TSA"));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit.entries WHERE action = 'keys.list' AND outcome = 'success'", connection);
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }
}

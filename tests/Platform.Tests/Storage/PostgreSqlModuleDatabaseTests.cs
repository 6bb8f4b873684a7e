using Npgsql;
using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

/// <summary>What only the PostgreSQL provider promises: a schema per module in one database.</summary>
public sealed class PostgreSqlModuleDatabaseTests : IAsyncLifetime
{
    private readonly PostgreSqlStorageTarget target = new();

    [Fact]
    public async Task Open_TwoModules_KeepTheirTablesInSchemasNamedAfterThem()
    {
        var factory = target.CreateFactory();

        factory.Open("first", TestSchema.All);
        factory.Open("second", [TestSchema.Items]);

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('first', 'second') ORDER BY 1", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["first.audit_outbox", "first.items", "first.runs", "first.schema_migrations", "second.audit_outbox", "second.items", "second.schema_migrations"], tables);
    }

    [Fact]
    public void Provider_Configured_IsPostgreSql()
    {
        Assert.Equal(StorageProvider.PostgreSql, target.CreateFactory().Provider);
    }

    public ValueTask InitializeAsync() => target.InitializeAsync();

    public ValueTask DisposeAsync() => target.DisposeAsync();
}

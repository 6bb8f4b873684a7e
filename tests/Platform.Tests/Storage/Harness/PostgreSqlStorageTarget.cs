using Npgsql;
using Platform.Hosting;
using Platform.Storage;
using TestSupport;

namespace Platform.Tests.Storage.Harness;

/// <summary>
/// A throw-away PostgreSQL database on the server named by <c>SECURITYPLATFORM_TEST_POSTGRES</c>;
/// each module gets its own schema in it. Skips the test when no server is configured.
/// </summary>
public sealed class PostgreSqlStorageTarget : StorageTarget
{
    private PostgresDatabase? database;

    public override StorageProvider Provider => StorageProvider.PostgreSql;

    /// <summary>The connection string of the test database.</summary>
    public string ConnectionString => database?.ConnectionString ?? throw new InvalidOperationException("Not initialized.");

    public override async ValueTask InitializeAsync() => database = await PostgresDatabase.CreateAsync();

    public override async Task ExecuteRawAsync(string module, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = module }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override PlatformOptions Options() => new()
    {
        DataDirectory = Path.GetTempPath(),
        Storage = new StorageSettings { Provider = "PostgreSql", ConnectionString = ConnectionString },
    };

    protected override async ValueTask DisposeDatabaseAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

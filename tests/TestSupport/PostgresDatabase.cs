using Npgsql;
using Xunit;

namespace TestSupport;

/// <summary>
/// A throw-away PostgreSQL database for one test class. The server comes from the
/// <c>SECURITYPLATFORM_TEST_POSTGRES</c> connection string (CI starts one and sets it); without it the
/// test is skipped with the reason.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "SECURITYPLATFORM_TEST_POSTGRES";

    private readonly string server;
    private readonly string name = "sp_test_" + Guid.NewGuid().ToString("n");

    private PostgresDatabase(string server)
    {
        this.server = server;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database; skips the test when no server is configured.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Skip($"No PostgreSQL server: set {Variable} to a connection string (CI does).");
        }

        var database = new PostgresDatabase(server!);
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}

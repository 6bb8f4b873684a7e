using Platform.Storage;
using System.Data.Common;
using System.Globalization;

namespace Platform.Tests.Storage;

/// <summary>A two-table module schema and the reads and writes the storage tests make on it.</summary>
internal static class TestSchema
{
    public const string Module = "items";

    public static Migration Items { get; } = new(1, "items",
        Sqlite: "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)",
        PostgreSql: "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)");

    // Not idempotent on purpose: running it twice leaves two rows, so a re-run shows.
    public static Migration Runs { get; } = new(2, "a row per run",
        Sqlite: "CREATE TABLE runs (version INTEGER NOT NULL); INSERT INTO runs (version) VALUES (2)",
        PostgreSql: "CREATE TABLE runs (version INTEGER NOT NULL); INSERT INTO runs (version) VALUES (2)");

    public static IReadOnlyList<Migration> All { get; } = [Items, Runs];

    public static Task<int> InsertAsync(IModuleDatabase database, int id, string value = "v") =>
        database.WriteAsync((connection, transaction, ct) => InsertAsync(connection, transaction, id, value, ct));

    public static async Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, int id, string value, CancellationToken ct)
    {
        await using var command = connection.Command("INSERT INTO items (id, value) VALUES (@id, @value)", transaction);
        command.AddParameter("id", id).AddParameter("value", value);
        await command.ExecuteNonQueryAsync(ct);
        return id;
    }

    public static async Task<long> CountAsync(IModuleDatabase database, string table)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"SELECT COUNT(*) FROM {table}");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public static async Task<List<int>> IdsAsync(IModuleDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("SELECT id FROM items ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync())
        {
            ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return ids;
    }

    public static async Task<List<(int Version, string AppliedAt)>> AppliedAsync(IModuleDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("SELECT version, applied_at FROM schema_migrations ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            applied.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1)));
        }

        return applied;
    }
}

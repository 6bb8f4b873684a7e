using Microsoft.Data.Sqlite;
using Platform.Hosting;
using Platform.Storage;
using TestSupport;

namespace Platform.Tests.Storage.Harness;

/// <summary>A fresh data directory: each module's database is a SQLite file in it.</summary>
public sealed class SqliteStorageTarget : StorageTarget
{
    private readonly TemporaryDirectory directory = new();

    public override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>The data directory.</summary>
    public string DataDirectory => directory.Path;

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async Task ExecuteRawAsync(string module, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, module + ".db") }.ToString());
        await connection.OpenAsync();
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync();
    }

    protected override PlatformOptions Options() => new() { DataDirectory = directory.Path };

    protected override ValueTask DisposeDatabaseAsync()
    {
        // Pooled connections keep the files open; release them before deleting the directory.
        SqliteConnection.ClearAllPools();
        directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

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

    protected override PlatformOptions Options() => new() { DataDirectory = directory.Path };

    protected override ValueTask DisposeDatabaseAsync()
    {
        // Pooled connections keep the files open; release them before deleting the directory.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose();
        return ValueTask.CompletedTask;
    }
}

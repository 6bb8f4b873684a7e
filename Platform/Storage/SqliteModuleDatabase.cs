using Microsoft.Data.Sqlite;
using System.Data.Common;

namespace Platform.Storage;

/// <summary>
/// A module's SQLite file in the data directory. WAL journal with synchronous=FULL: a commit
/// is on disk before it returns, so an acknowledged write survives a crash or power loss.
/// </summary>
internal sealed class SqliteModuleDatabase(string module, string path) : ModuleDatabase(module, StorageProvider.Sqlite)
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // SQLite's own lower() folds ASCII only; PostgreSQL's folds all of Unicode. Replace it so
        // that case-insensitive searches (lower(column) LIKE …) agree on both providers.
        connection.CreateFunction("lower", (string? value) => value?.ToLowerInvariant(), isDeterministic: true);
        await using var pragmas = connection.Command(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public override Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;

    public override IChangeListener ListenForChanges() => new PollingChangeListener();

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already holds the file's write lock.
    protected internal override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction) => Task.CompletedTask;
}

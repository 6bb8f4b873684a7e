using System.Data.Common;
using Microsoft.Data.Sqlite;
using Pmi.Authorization.Storage;
using Platform.Storage;

namespace Pmi.Authorization.Tests.Decisions;

/// <summary>A module database on a temporary SQLite file with the module's migrations applied; one transaction per write.</summary>
internal sealed class SqliteTestDatabase : IModuleDatabase, IDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"authz-test-{Guid.NewGuid():n}.db");

    public SqliteTestDatabase()
    {
        using var connection = Open();
        foreach (var sql in AuthorizationMigrations.All.Select(m => m.Sqlite).Prepend(Platform.Auditing.AuditOutbox.CreateTableSql))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }

    public string Module => "authz";

    public StorageProvider Provider => StorageProvider.Sqlite;

    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult<DbConnection>(Open());

    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public IChangeListener ListenForChanges() => throw new NotSupportedException("Tests of one node do not listen.");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(path);
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}

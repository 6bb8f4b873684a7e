using System.Data.Common;

namespace Platform.Storage;

/// <summary>
/// A module's own database: a SQLite file, or a PostgreSQL schema. Its migrations have run
/// before anyone gets it.
/// </summary>
public interface IModuleDatabase
{
    /// <summary>The module name: the SQLite file name and the PostgreSQL schema name.</summary>
    string Module { get; }

    /// <summary>The engine, for the few statements that differ between them.</summary>
    StorageProvider Provider { get; }

    /// <summary>Opens a connection, configured for durable writes.</summary>
    ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction that is durable when the returned task
    /// completes. Concurrent calls are batched into one transaction (group commit); a call that
    /// throws is retried alone so it cannot fail the others, and its exception reaches only its
    /// caller.
    /// </summary>
    Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tells the other nodes sharing this database that the module's data changed, once
    /// <paramref name="transaction"/> commits (PostgreSQL NOTIFY on the module's channel; nothing
    /// on SQLite, whose listeners poll).
    /// </summary>
    Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default);

    /// <summary>A listener for the changes other nodes signal. The caller disposes it.</summary>
    IChangeListener ListenForChanges();
}

using System.Data.Common;

namespace Platform.Storage;

/// <summary>What both providers share: the group committer and the migration run.</summary>
internal abstract class ModuleDatabase : IModuleDatabase, IAsyncDisposable
{
    private readonly GroupCommitter committer;

    protected ModuleDatabase(string module, StorageProvider provider)
    {
        Module = module;
        Provider = provider;
        committer = new GroupCommitter(OpenAsync);
    }

    public string Module { get; }

    public StorageProvider Provider { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default) =>
        committer.WriteAsync(work, cancellationToken);

    public abstract Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default);

    public abstract IChangeListener ListenForChanges();

    public virtual ValueTask DisposeAsync() => committer.DisposeAsync();

    /// <summary>Takes the module's migration lock inside <paramref name="transaction"/>.</summary>
    protected internal abstract Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction);
}

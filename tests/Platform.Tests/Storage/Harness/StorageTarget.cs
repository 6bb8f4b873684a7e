using Platform.Hosting;
using Platform.Storage;

namespace Platform.Tests.Storage.Harness;

/// <summary>
/// One empty database on one provider, for one test. Every factory made here opens that same
/// database, so a second factory stands for a restarted process or a second node. Every
/// factory is disposed, and the database removed, when the target is.
/// </summary>
public abstract class StorageTarget : IAsyncDisposable
{
    private readonly List<DatabaseFactory> factories = [];

    /// <summary>The provider under test.</summary>
    public abstract StorageProvider Provider { get; }

    /// <summary>Creates the empty database; a provider without a server skips the test here.</summary>
    public abstract ValueTask InitializeAsync();

    /// <summary>A new factory on the target's database, as a freshly started node would build it.</summary>
    public IDatabaseFactory CreateFactory()
    {
        var factory = new DatabaseFactory(Options());
        lock (factories)
        {
            factories.Add(factory);
        }

        return factory;
    }

    /// <summary>Shuts a factory down (connections closed, writes drained), as a process exit would.</summary>
    public async ValueTask StopAsync(IDatabaseFactory factory)
    {
        var database = (DatabaseFactory)factory;
        lock (factories)
        {
            factories.Remove(database);
        }

        await database.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        DatabaseFactory[] open;
        lock (factories)
        {
            open = [.. factories];
            factories.Clear();
        }

        foreach (var factory in open)
        {
            await factory.DisposeAsync();
        }

        await DisposeDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Runs <paramref name="sql"/> in <paramref name="module"/>'s database behind the platform's
    /// back, as an operator or an attacker with database access would (to tamper with rows, or
    /// to change the conditions a test needs).
    /// </summary>
    public abstract Task ExecuteRawAsync(string module, string sql);

    /// <summary>The platform options that point a factory at the target's database.</summary>
    protected abstract PlatformOptions Options();

    /// <summary>Removes the database after every factory is closed.</summary>
    protected abstract ValueTask DisposeDatabaseAsync();
}

namespace Platform.Tests.Storage.Harness;

/// <summary>
/// The base of every storage conformance suite. A suite is an abstract class deriving from
/// this one with its tests written once; each provider gets a one-line concrete subclass that
/// passes its <see cref="StorageTarget"/> (see <c>MigrationSqliteTests</c>). Each test
/// gets an empty database of its own.
/// </summary>
public abstract class StorageConformanceTests(StorageTarget target) : IAsyncLifetime
{
    /// <summary>The database under test.</summary>
    protected StorageTarget Target { get; } = target;

    public virtual ValueTask InitializeAsync() => Target.InitializeAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await Target.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

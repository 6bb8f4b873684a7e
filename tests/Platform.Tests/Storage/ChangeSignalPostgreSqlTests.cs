using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

/// <summary>Signals between nodes on PostgreSQL: NOTIFY on commit, LISTEN on a connection that comes back.</summary>
public sealed class ChangeSignalPostgreSqlTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Silence = TimeSpan.FromMilliseconds(500);
    private readonly PostgreSqlStorageTarget target = new();

    [Fact]
    public async Task SignalChangeAsync_Committed_WakesAListenerOnAnotherNode()
    {
        var writer = Node();
        await using var listener = await ListeningAsync(Node());

        await SignalAsync(writer);

        Assert.True(await listener.WaitAsync(Patience, Cancellation));
    }

    [Fact]
    public async Task SignalChangeAsync_RolledBack_IsNeverHeard()
    {
        var writer = Node();
        await using var listener = await ListeningAsync(Node());

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync<int>(async (connection, transaction, ct) =>
        {
            await writer.SignalChangeAsync(connection, transaction, ct);
            throw new InvalidOperationException("the write fails");
        }, Cancellation));

        Assert.False(await listener.WaitAsync(Silence, Cancellation));
    }

    [Fact]
    public async Task WaitAsync_OtherModulesSignal_IsNotHeard()
    {
        var other = target.CreateFactory().Open("other", [TestSchema.Items]);
        await using var listener = await ListeningAsync(Node());

        await SignalAsync(other);

        Assert.False(await listener.WaitAsync(Silence, Cancellation));
    }

    [Fact]
    public async Task WaitAsync_ListeningConnectionKilled_SaysSoOnListeningAgainAndHearsTheNextSignal()
    {
        var writer = Node();
        await using var listener = await ListeningAsync(Node());

        await target.ExecuteRawAsync(TestSchema.Module,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid() AND datname = current_database()");
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(200), Cancellation)); // notices the loss
        Assert.True(await listener.WaitAsync(Patience, Cancellation)); // listens again: signals may have been missed meanwhile
        await SignalAsync(writer);

        Assert.True(await listener.WaitAsync(Patience, Cancellation));
    }

    public ValueTask InitializeAsync() => target.InitializeAsync();

    public ValueTask DisposeAsync() => target.DisposeAsync();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>The database as one more node opens it.</summary>
    private IModuleDatabase Node() => target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

    private static async Task<IChangeListener> ListeningAsync(IModuleDatabase node)
    {
        var listener = node.ListenForChanges();
        Assert.True(await listener.WaitAsync(Patience, Cancellation)); // the first wait returns once it listens
        return listener;
    }

    private static Task SignalAsync(IModuleDatabase node) => node.WriteAsync(async (connection, transaction, ct) =>
    {
        await node.SignalChangeAsync(connection, transaction, ct);
        return 0;
    }, Cancellation);
}

using Npgsql;
using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

/// <summary>What only the PostgreSQL provider promises: a schema per module in one database.</summary>
public sealed class PostgreSqlModuleDatabaseTests : IAsyncLifetime
{
    private readonly PostgreSqlStorageTarget target = new();

    [Fact]
    public async Task Open_TwoModules_KeepTheirTablesInSchemasNamedAfterThem()
    {
        var factory = target.CreateFactory();

        factory.Open("first", TestSchema.All);
        factory.Open("second", [TestSchema.Items]);

        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema IN ('first', 'second') ORDER BY 1", connection);
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["first.items", "first.runs", "first.schema_migrations", "second.items", "second.schema_migrations"], tables);
    }

    [Fact]
    public async Task SignalChangeAsync_Committed_WakesAListenerOnAnotherNode()
    {
        var writer = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);
        await using var listener = target.CreateFactory().Open(TestSchema.Module, TestSchema.All).ListenForChanges();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // now listening

        await writer.WriteAsync(async (connection, transaction, ct) =>
        {
            await writer.SignalChangeAsync(connection, transaction, ct);
            return 0;
        }, TestContext.Current.CancellationToken);

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignalChangeAsync_RolledBack_IsNeverHeard()
    {
        var writer = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);
        await using var listener = target.CreateFactory().Open(TestSchema.Module, TestSchema.All).ListenForChanges();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // now listening

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync<int>(async (connection, transaction, ct) =>
        {
            await writer.SignalChangeAsync(connection, transaction, ct);
            throw new InvalidOperationException("the write fails");
        }, TestContext.Current.CancellationToken));

        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WaitAsync_OtherModulesSignal_IsNotHeard()
    {
        var other = target.CreateFactory().Open("other", [TestSchema.Items]);
        await using var listener = target.CreateFactory().Open(TestSchema.Module, TestSchema.All).ListenForChanges();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // now listening

        await other.WriteAsync(async (connection, transaction, ct) =>
        {
            await other.SignalChangeAsync(connection, transaction, ct);
            return 0;
        }, TestContext.Current.CancellationToken);

        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WaitAsync_ListeningConnectionKilled_ReconnectsAndHearsTheNextSignal()
    {
        var writer = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);
        await using var listener = target.CreateFactory().Open(TestSchema.Module, TestSchema.All).ListenForChanges();
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // now listening

        await target.ExecuteRawAsync(TestSchema.Module,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid() AND datname = current_database()");
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken)); // notices the loss
        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)); // listens again, may have missed some

        await writer.WriteAsync(async (connection, transaction, ct) =>
        {
            await writer.SignalChangeAsync(connection, transaction, ct);
            return 0;
        }, TestContext.Current.CancellationToken);

        Assert.True(await listener.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Provider_Configured_IsPostgreSql()
    {
        Assert.Equal(StorageProvider.PostgreSql, target.CreateFactory().Provider);
    }

    public ValueTask InitializeAsync() => target.InitializeAsync();

    public ValueTask DisposeAsync() => target.DisposeAsync();
}

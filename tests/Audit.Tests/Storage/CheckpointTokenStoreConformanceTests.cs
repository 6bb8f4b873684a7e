using Audit.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting;
using Platform.Storage;
using TestSupport;

namespace Audit.Tests.Storage;

/// <summary>
/// Checkpoints' time-stamp tokens in the audit schema (version 3), on each provider: a database
/// of version 2 keeps its checkpoints and gains the column, tokens are stored once, only in size
/// order, and survive a restart.
/// </summary>
public abstract class CheckpointTokenStoreConformanceTests : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
    protected abstract Task<string?> StorageAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Migration_FromVersionTwo_KeepsCheckpointsAndAddsTokens()
    {
        await using (var before = await OpenAsync(AuditMigrations.All.Take(2).ToList()))
        {
            await using var connection = await before.Database.OpenAsync();
            await using var command = connection.Command(
                "INSERT INTO checkpoints (tree_size, root_hash, note, published_at) VALUES (7, @root, 'old note\n', 1000)");
            command.AddParameter("root", new byte[32]);
            await command.ExecuteNonQueryAsync();
        }

        await using var after = await OpenAsync(AuditMigrations.All);
        var migrated = await after.Store.GetCheckpointAsync(7);
        Assert.NotNull(migrated);
        Assert.Equal("old note\n", migrated.Note);
        Assert.Null(migrated.TimeStampToken);
        Assert.True(await after.Store.TrySetTimeStampTokenAsync(7, [1, 2, 3]));
        Assert.Equal([1, 2, 3], (await after.Store.GetLatestCheckpointAsync())!.TimeStampToken);
    }

    [Fact]
    public async Task TrySetTimeStampTokenAsync_SecondTokenForOneCheckpoint_IsRefused()
    {
        await using var storage = await OpenAsync(AuditMigrations.All);
        await storage.Store.TryAddCheckpointAsync(Checkpoint(3));

        Assert.True(await storage.Store.TrySetTimeStampTokenAsync(3, [1]));
        Assert.False(await storage.Store.TrySetTimeStampTokenAsync(3, [2]));
        Assert.Equal([1], (await storage.Store.GetCheckpointAsync(3))!.TimeStampToken);
    }

    [Fact]
    public async Task TrySetTimeStampTokenAsync_BelowALargerStampedCheckpoint_IsRefused()
    {
        await using var storage = await OpenAsync(AuditMigrations.All);
        await storage.Store.TryAddCheckpointAsync(Checkpoint(3));
        await storage.Store.TryAddCheckpointAsync(Checkpoint(5));

        Assert.True(await storage.Store.TrySetTimeStampTokenAsync(5, [5]));
        // Its genTime would be later than that of the larger checkpoint.
        Assert.False(await storage.Store.TrySetTimeStampTokenAsync(3, [3]));
        Assert.Null((await storage.Store.GetCheckpointAsync(3))!.TimeStampToken);
    }

    [Fact]
    public async Task TrySetTimeStampTokenAsync_UnknownSize_IsRefused()
    {
        await using var storage = await OpenAsync(AuditMigrations.All);

        Assert.False(await storage.Store.TrySetTimeStampTokenAsync(42, [1]));
        Assert.Null(await storage.Store.GetCheckpointAsync(42));
    }

    [Fact]
    public async Task TryAddCheckpointAsync_WithToken_KeepsItAcrossRestart()
    {
        await using (var storage = await OpenAsync(AuditMigrations.All))
        {
            await storage.Store.TryAddCheckpointAsync(Checkpoint(4) with { TimeStampToken = [9, 9] });
        }

        await using var restarted = await OpenAsync(AuditMigrations.All);
        Assert.Equal([9, 9], (await restarted.Store.GetCheckpointAsync(4))!.TimeStampToken);
    }

    private static StoredCheckpoint Checkpoint(long size) =>
        new(size, new byte[32], $"test.example/audit\n{size}\n\n", DateTimeOffset.FromUnixTimeMilliseconds(1000 * size));

    private async Task<Storage> OpenAsync(IReadOnlyList<Migration> migrations)
    {
        var settings = new Dictionary<string, string?> { ["Platform:DataDirectory"] = data.Path };
        if (await StorageAsync() is { } postgres)
        {
            settings["Platform:Storage:Provider"] = "PostgreSql";
            settings["Platform:Storage:ConnectionString"] = postgres;
        }

        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        var provider = collection.BuildServiceProvider();
        var database = provider.GetRequiredService<IDatabaseFactory>().Open(AuditServiceCollectionExtensions.DatabaseName, migrations);
        return new Storage(provider, database, new SqlAuditStore(database));
    }

    private sealed record Storage(ServiceProvider Provider, IModuleDatabase Database, SqlAuditStore Store) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }
}

public sealed class SqliteCheckpointTokenStoreTests : CheckpointTokenStoreConformanceTests
{
    protected override Task<string?> StorageAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgreSqlCheckpointTokenStoreTests : CheckpointTokenStoreConformanceTests
{
    private PostgresDatabase? database;

    protected override async Task<string?> StorageAsync() => (database ??= await PostgresDatabase.CreateAsync()).ConnectionString;

    public override async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

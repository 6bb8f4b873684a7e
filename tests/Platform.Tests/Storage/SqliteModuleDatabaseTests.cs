using Microsoft.Data.Sqlite;
using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Platform.Tests.Storage;

/// <summary>What only the SQLite provider promises: a file per module, and durable commits.</summary>
public sealed class SqliteModuleDatabaseTests : IAsyncLifetime
{
    private readonly SqliteStorageTarget target = new();

    [Fact]
    public void Open_Module_IsAFileNamedAfterItInTheDataDirectory()
    {
        var factory = target.CreateFactory();

        factory.Open("first", TestSchema.All);
        factory.Open("second", TestSchema.All);

        Assert.True(File.Exists(Path.Combine(target.DataDirectory, "first.db")));
        Assert.True(File.Exists(Path.Combine(target.DataDirectory, "second.db")));
    }

    [Fact]
    public async Task ListenForChanges_Sqlite_PollsAfterTheTimeout()
    {
        var database = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);
        await using var listener = database.ListenForChanges();

        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await database.SignalChangeAsync(connection, transaction, ct);
            return 0;
        }, TestContext.Current.CancellationToken);

        // No signals between processes on SQLite: the wait always runs its course.
        Assert.False(await listener.WaitAsync(TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task OpenAsync_Connection_UsesWalWithFullSynchronousCommits()
    {
        var database = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        await using var connection = await database.OpenAsync();

        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode"));
        Assert.Equal(2L, await ScalarAsync(connection, "PRAGMA synchronous")); // 2 = FULL
        Assert.Equal(1L, await ScalarAsync(connection, "PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task OpenAsync_Connection_LowersNonAsciiText()
    {
        var database = target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        await using var connection = await database.OpenAsync();

        Assert.Equal("jürgen ärger", await ScalarAsync(connection, "SELECT lower('JÜRGEN Ärger')"));
    }

    [Fact]
    public void Provider_NotConfigured_IsSqlite()
    {
        Assert.Equal(StorageProvider.Sqlite, target.CreateFactory().Provider);
    }

    public ValueTask InitializeAsync() => target.InitializeAsync();

    public ValueTask DisposeAsync() => target.DisposeAsync();

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.Command(sql);
        return await command.ExecuteScalarAsync();
    }
}

using Platform.Storage;
using Platform.Tests.Storage.Harness;
using System.Data.Common;

namespace Platform.Tests.Storage;

/// <summary>
/// <see cref="IModuleDatabase.WriteAsync"/> on every provider: durable, visible to a restarted
/// node, batched, and a failing write fails only its own caller.
/// </summary>
public abstract class GroupCommitConformanceTests(StorageTarget target) : StorageConformanceTests(target)
{
    [Fact]
    public async Task WriteAsync_Work_ReturnsItsResult()
    {
        var database = Open();

        Assert.Equal(7, await TestSchema.InsertAsync(database, 7));
        Assert.Equal([7], await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_AfterRestart_DataIsVisible()
    {
        var first = Target.CreateFactory();
        await TestSchema.InsertAsync(first.Open(TestSchema.Module, TestSchema.All), 1);
        await Target.StopAsync(first);

        var database = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        Assert.Equal([1], await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_OnOneNode_IsVisibleToAnother()
    {
        var one = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);
        var other = Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

        await TestSchema.InsertAsync(one, 1);
        await TestSchema.InsertAsync(other, 2);

        Assert.Equal([1, 2], await TestSchema.IdsAsync(one));
        Assert.Equal([1, 2], await TestSchema.IdsAsync(other));
    }

    [Fact]
    public async Task WriteAsync_500Concurrent_AllCompleteAndArePresent()
    {
        var database = Open();

        var ids = await Task.WhenAll(Enumerable.Range(1, 500).Select(id => Task.Run(() => TestSchema.InsertAsync(database, id))));

        Assert.Equal(Enumerable.Range(1, 500), ids.Order());
        Assert.Equal(Enumerable.Range(1, 500), await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_OneWriteInBatchThrows_OnlyItsCallerFails()
    {
        var database = Open();
        var failure = new InvalidOperationException("this write fails");

        var (writes, failing) = await InOneBatchAsync(database, 20, 7, async (connection, transaction, ct) =>
        {
            // Writes something first: it must be rolled back with the failure.
            await TestSchema.InsertAsync(connection, transaction, 1000, "partial", ct);
            throw failure;
        });

        Assert.Same(failure, await Assert.ThrowsAsync<InvalidOperationException>(() => failing));
        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(1, 20).Where(id => id != 7), await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_DuplicateKeyInBatch_OnlyItsCallerFails()
    {
        var database = Open();
        await TestSchema.InsertAsync(database, 7, "first");

        var (writes, failing) = await InOneBatchAsync(database, 20, 7,
            (connection, transaction, ct) => TestSchema.InsertAsync(connection, transaction, 7, "second", ct));

        var error = await Assert.ThrowsAnyAsync<DbException>(() => failing);
        Assert.True(DbErrors.IsUniqueViolation(error));
        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(1, 20), await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_WorkThrowsOperationCanceled_OnlyItsCallerFails()
    {
        var database = Open();

        var (writes, failing) = await InOneBatchAsync(database, 20, 7,
            (_, _, _) => Task.FromException<int>(new OperationCanceledException("the work gave up")));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => failing);
        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(1, 20).Where(id => id != 7), await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_AfterAFailedWrite_LaterWritesSucceed()
    {
        var database = Open();
        await TestSchema.InsertAsync(database, 1);
        await Assert.ThrowsAnyAsync<DbException>(() => TestSchema.InsertAsync(database, 1));

        await TestSchema.InsertAsync(database, 2);

        Assert.Equal([1, 2], await TestSchema.IdsAsync(database));
    }

    [Fact]
    public async Task WriteAsync_QueuedWhenTheFactoryStops_IsCommittedBeforeItStops()
    {
        var factory = Target.CreateFactory();
        var database = factory.Open(TestSchema.Module, TestSchema.All);
        var writes = Enumerable.Range(1, 100).Select(id => TestSchema.InsertAsync(database, id)).ToList();

        await Target.StopAsync(factory);

        await Task.WhenAll(writes);
        Assert.Equal(Enumerable.Range(1, 100), await TestSchema.IdsAsync(Open()));
    }

    [Fact]
    public async Task WriteAsync_AfterTheFactoryStopped_ThrowsObjectDisposed()
    {
        var factory = Target.CreateFactory();
        var database = factory.Open(TestSchema.Module, TestSchema.All);
        await Target.StopAsync(factory);

        Assert.Throws<ObjectDisposedException>(() => { _ = TestSchema.InsertAsync(database, 1); });
    }

    [Fact]
    public async Task IsUniqueViolation_NotNullViolation_IsFalse()
    {
        var database = Open();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command("INSERT INTO items (id, value) VALUES (1, NULL)", transaction);
            return await command.ExecuteNonQueryAsync(ct);
        }));

        Assert.False(DbErrors.IsUniqueViolation(error));
    }

    private IModuleDatabase Open() => Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

    /// <summary>
    /// Queues inserts of ids 1..<paramref name="count"/>, with <paramref name="odd"/> in place of
    /// id <paramref name="oddId"/>, while a first write holds the committer, so that all of
    /// them are waiting together and go into one batch when it lets go.
    /// </summary>
    private static async Task<(List<Task<int>> Writes, Task<int> Odd)> InOneBatchAsync(
        IModuleDatabase database, int count, int oddId, Func<DbConnection, DbTransaction, CancellationToken, Task<int>> odd)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = database.WriteAsync(async (_, _, _) =>
        {
            await gate.Task;
            return 0;
        });
        var writes = new List<Task<int>>();
        Task<int>? oddWrite = null;
        for (var id = 1; id <= count; id++)
        {
            if (id == oddId)
            {
                oddWrite = database.WriteAsync(odd);
            }
            else
            {
                writes.Add(TestSchema.InsertAsync(database, id));
            }
        }

        gate.SetResult();
        await holding;
        return (writes, oddWrite!);
    }
}

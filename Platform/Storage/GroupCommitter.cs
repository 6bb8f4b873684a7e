using System.Data.Common;
using System.Threading.Channels;

namespace Platform.Storage;

/// <summary>
/// Batches concurrent writes into one transaction on one connection, so that a thousand
/// callers pay for one durable commit instead of a thousand. Each caller's task completes only
/// after the commit that holds its write.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    private const int MaxBatch = 512;
    private readonly Func<CancellationToken, ValueTask<DbConnection>> open;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public GroupCommitter(Func<CancellationToken, ValueTask<DbConnection>> open)
    {
        this.open = open;
        loop = Task.Run(RunAsync);
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(work);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommitter));
        }

        return pending.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task RunAsync()
    {
        DbConnection? connection = null;
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                connection ??= await open(stopping.Token).ConfigureAwait(false);
                await CommitAsync(connection, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The connection itself failed (not one write): fail this batch, reconnect next time.
                foreach (var write in batch)
                {
                    write.Fail(e);
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    connection = null;
                }
            }

            batch.Clear();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(DbConnection connection, List<PendingWrite> batch)
    {
        if (await TryCommitTogetherAsync(connection, batch).ConfigureAwait(false))
        {
            foreach (var write in batch)
            {
                write.Complete();
            }

            return;
        }

        // Something in the batch failed: give every write its own transaction so that one bad
        // write (a duplicate key, say) cannot fail the others.
        foreach (var write in batch)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(stopping.Token).ConfigureAwait(false);
                await write.RunAsync(connection, transaction, stopping.Token).ConfigureAwait(false);
                await transaction.CommitAsync(stopping.Token).ConfigureAwait(false);
                write.Complete();
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                write.Fail(e);
            }
        }
    }

    private async Task<bool> TryCommitTogetherAsync(DbConnection connection, List<PendingWrite> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync(stopping.Token).ConfigureAwait(false);
        try
        {
            foreach (var write in batch)
            {
                await write.RunAsync(connection, transaction, stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            if (batch.Count == 1)
            {
                batch[0].Fail(e);
                batch.Clear();
                return true;
            }

            return false;
        }

        await transaction.CommitAsync(stopping.Token).ConfigureAwait(false);
        return true;
    }

    private abstract class PendingWrite
    {
        public abstract Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public override async Task RunAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
            result = await work(connection, transaction, cancellationToken).ConfigureAwait(false);

        public override void Complete() => completion.TrySetResult(result!);

        public override void Fail(Exception exception) => completion.TrySetException(exception);
    }
}

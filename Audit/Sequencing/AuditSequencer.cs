using Audit.Events;
using Audit.Merkle;
using Audit.Storage;
using Microsoft.Extensions.Logging;
using System.Data.Common;
using System.Threading.Channels;

namespace Audit.Sequencing;

/// <summary>
/// The log's single writer. Appends from any number of threads queue here; one loop gives each
/// its index and time, extends the Merkle tree in memory and commits the whole batch (entries and
/// new nodes) in one transaction, then acknowledges every append in it. Nothing is acknowledged
/// before its commit, and a failed commit fails every append of the batch.
/// </summary>
internal sealed partial class AuditSequencer : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly SqlAuditStore store;
    private readonly TreeHashes hashes;
    private readonly TimeProvider time;
    private readonly ILogger<AuditSequencer> logger;
    private readonly Metrics.AuditMetrics metrics;
    private readonly long[] queuedAt = new long[MaxBatch];
    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startGate = new();

    // One writer for the builder's whole life, emptied per batch: it holds what the batch completes.
    private readonly PendingHashWriter writer = new();
    private Task? loop;
    private MerkleTreeBuilder? builder;
    private long committedSize;
    private volatile string? lastFailure;
    private DateTimeOffset lastTime = DateTimeOffset.MinValue;

    public AuditSequencer(SqlAuditStore store, TreeHashes hashes, TimeProvider time, ILogger<AuditSequencer> logger, Metrics.AuditMetrics metrics)
    {
        this.metrics = metrics;
        this.store = store;
        this.hashes = hashes;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The number of entries this node has seen committed.</summary>
    public long CommittedSize => Interlocked.Read(ref committedSize);

    /// <summary>The kind of error that kept the last batch from being committed (its details are logged), or null when it was committed.</summary>
    public string? LastFailure => lastFailure;

    /// <summary>Starts the writing loop; appends made earlier wait for it.</summary>
    public void Start()
    {
        lock (startGate)
        {
            loop ??= Task.Run(RunAsync);
        }
    }

    /// <summary>Queues <paramref name="draft"/> and completes once it is durably committed.</summary>
    public Task<AppendResult> AppendAsync(AuditDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var pending = new Pending(draft);
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(AuditSequencer), "The audit log is shut down.");
        }

        Start();
        // Cancelling stops the wait, not the append: once queued the event is committed anyway.
        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }

    private async Task RunAsync()
    {
        DbConnection? connection = null;
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            try
            {
                connection ??= await store.Database.OpenAsync().ConfigureAwait(false);
                var size = await CommitAsync(connection, batch).ConfigureAwait(false);
                Interlocked.Exchange(ref committedSize, size);
                lastFailure = null;
                for (var i = 0; i < batch.Count; i++)
                {
                    queuedAt[i] = batch[i].QueuedAt;
                    batch[i].Completion.TrySetResult(batch[i].Result);
                }

                metrics.Committed(size, queuedAt.AsSpan(0, batch.Count));
            }
            catch (Exception e)
            {
                // The tree in memory ran ahead of what was committed; rebuild it from the database.
                builder = null;
                lastFailure = e.GetType().Name;
                LogBatchFailed(logger, e, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(e);
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

    private async Task<long> CommitAsync(DbConnection connection, List<Pending> batch)
    {
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        await store.LockSequencerAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
        var size = await SqlAuditStore.ReadSizeAsync(connection, transaction, CancellationToken.None).ConfigureAwait(false);
        writer.Written.Clear();
        if (builder is null || builder.Size != size)
        {
            // First batch, a failed batch, or another node appended since (PostgreSQL).
            builder = await hashes.RunAsync(size, reader => MerkleTreeBuilder.Resume(reader, writer, size),
                (nodes, ct) => SqlAuditStore.ReadHashesAsync(connection, transaction, nodes, ct), CancellationToken.None).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"The stored Merkle tree of {size} entries lacks hashes on its right edge.");
            LogResumed(logger, size);

            // Keep times non-decreasing along the log even when another node (another clock) appended last.
            lastTime = Max(lastTime, await SqlAuditStore.ReadTimeAsync(connection, transaction, size - 1, CancellationToken.None).ConfigureAwait(false));
        }

        var entries = new List<IndexedEntry>(batch.Count);
        var recorded = await SqlAuditStore.ReadEventIdsAsync(connection, transaction,
            batch.Select(p => p.Draft.EventId).OfType<string>().ToHashSet(StringComparer.Ordinal), CancellationToken.None).ConfigureAwait(false);
        var newIds = new List<(string, long)>();
        foreach (var pending in batch)
        {
            if (pending.Draft.EventId is { } eventId && recorded.TryGetValue(eventId, out var existing))
            {
                // Delivered before (or twice in this batch): the entry that has it stands for both.
                pending.Result = new AppendResult(existing, EncodingError.None);
                continue;
            }

            var now = Truncate(time.GetUtcNow());
            lastTime = Max(now, lastTime);
            var record = pending.Draft.ToRecord(builder.Size, lastTime);
            var encoded = AuditRecordEncoder.Encode(record);
            if (!encoded.IsSuccess)
            {
                pending.Result = new AppendResult(-1, encoded.Error);
                continue;
            }

            var leaf = Rfc6962.HashLeaf(encoded.Bytes);
            var index = builder.AppendLeafHash(leaf);
            entries.Add(new IndexedEntry(record, encoded.Bytes!, leaf));
            pending.Result = new AppendResult(index, EncodingError.None);
            if (pending.Draft.EventId is { } id)
            {
                recorded[id] = index;
                newIds.Add((id, index));
            }
        }

        await SqlAuditStore.InsertEntriesAsync(connection, transaction, entries, CancellationToken.None).ConfigureAwait(false);
        await SqlAuditStore.InsertEventIdsAsync(connection, transaction, newIds, CancellationToken.None).ConfigureAwait(false);
        var nodes = writer.Written.Where(n => n.Key.Level > 0).ToList();
        await SqlAuditStore.InsertNodesAsync(connection, transaction, nodes, CancellationToken.None).ConfigureAwait(false);
        await transaction.CommitAsync().ConfigureAwait(false);
        foreach (var (node, hash) in nodes)
        {
            hashes.Remember(node, hash);
        }

        return builder.Size;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private sealed class Pending(AuditDraft draft)
    {
        public AuditDraft Draft { get; } = draft;

        public long QueuedAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

        public AppendResult Result { get; set; }

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

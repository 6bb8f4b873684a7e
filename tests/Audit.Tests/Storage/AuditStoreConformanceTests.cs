using Audit.Checkpoints;
using Audit.Events;
using Audit.Merkle;
using Audit.Publishing;
using Audit.Storage;
using System.Text;
using TestSupport;
using PlatformAuditing = Platform.Auditing;

namespace Audit.Tests.Storage;

/// <summary>
/// The contract of the durable audit log, run against each storage provider: concurrent appends
/// get contiguous indexes, proofs verify against the rebuilt tree, a restart resumes the tree,
/// search filters with indexes, and checkpoints extend each other.
/// </summary>
public abstract class AuditStoreConformanceTests : IAsyncLifetime
{
    private readonly TemporaryDirectory data = new();

    protected string DataDirectory => data.Path;

    /// <summary>The PostgreSQL connection string, or null for SQLite.</summary>
    protected abstract Task<string?> StorageAsync();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual ValueTask DisposeAsync()
    {
        data.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<AuditTestLog> OpenAsync() => await AuditTestLog.OpenAsync(DataDirectory, await StorageAsync());

    [Fact]
    public async Task RecordAsync_ConcurrentWriters_GetContiguousDistinctIndexes()
    {
        await using var log = await OpenAsync();

        await Task.WhenAll(Enumerable.Range(0, 64).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await log.Trail.RecordAsync(AuditTestLog.Event(target: $"w{writer}-{i}"));
            }
        })));

        Assert.Equal(640, await log.Store.GetSizeAsync());
        var all = await ReadAllAsync(log.Store, 640);
        Assert.Equal(Enumerable.Range(0, 640).Select(i => (long)i), all.Select(e => e.Index).Order());
        Assert.Equal(640, all.Select(e => AuditRecordDecoder.TryDecode(e.Entry)!.Target).Distinct().Count());
        Assert.All(all, e => Assert.Equal(Rfc6962.HashLeaf(e.Entry), e.LeafHash));
    }

    [Fact]
    public async Task ProveInclusion_EveryEntry_VerifiesAgainstRootOfRebuiltTree()
    {
        await using var log = await OpenAsync();
        for (var i = 0; i < 37; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"t{i}"));
        }

        var entries = await ReadAllAsync(log.Store, 37);
        var root = RebuiltRoot(entries);
        var stored = await log.Hashes.RunAsync(37, r => new MerkleProver(r).GetRootHash(37), CancellationToken.None);
        Assert.Equal(root, stored.Value);
        foreach (var entry in entries)
        {
            var proof = await log.Hashes.RunAsync(37, r => new MerkleProver(r).ProveInclusion(entry.Index, 37), CancellationToken.None);
            Assert.True(ProofVerifier.VerifyInclusion(proof.Value!, entry.LeafHash, root).IsValid, $"entry {entry.Index}");
        }
    }

    [Fact]
    public async Task Restart_AfterAppends_ResumesTreeAndExtendsCheckpoint()
    {
        string firstNote;
        await using (var log = await OpenAsync())
        {
            for (var i = 0; i < 21; i++)
            {
                await log.Trail.RecordAsync(AuditTestLog.Event(target: $"a{i}"));
            }

            var published = await log.Publisher.PublishAsync();
            Assert.Equal(PublishOutcome.Published, published.Outcome);
            firstNote = published.Note!;
        }

        await using (var log = await OpenAsync())
        {
            Assert.Equal(firstNote, log.Publisher.LatestNote);
            for (var i = 0; i < 12; i++)
            {
                await log.Trail.RecordAsync(AuditTestLog.Event(target: $"b{i}"));
            }

            var published = await log.Publisher.PublishAsync();
            Assert.Equal(PublishOutcome.Published, published.Outcome);
            var key = log.Publisher.VerifierKey;
            var older = CheckpointVerifier.Verify(Encoding.UTF8.GetBytes(firstNote), key, log.Publisher.Origin).Value!;
            var newer = CheckpointVerifier.Verify(Encoding.UTF8.GetBytes(published.Note!), key, log.Publisher.Origin).Value!;
            Assert.Equal(33, newer.TreeSize);
            Assert.Equal(RebuiltRoot(await ReadAllAsync(log.Store, 33)), newer.RootHash.ToArray());
            var proof = await log.Hashes.RunAsync(33, r => new MerkleProver(r).ProveConsistency(21, 33), CancellationToken.None);
            Assert.True(CheckpointVerifier.VerifyExtends(older, newer, proof.Value).IsValid);
            Assert.Equal(PublishOutcome.Unchanged, (await log.Publisher.PublishAsync()).Outcome);
        }
    }

    [Fact]
    public async Task SearchAsync_Filters_ReturnNewestFirstAndPage()
    {
        await using var log = await OpenAsync();
        for (var i = 0; i < 30; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(action: i % 3 == 0 ? "x.create" : "x.read", target: $"t{i % 5}",
                module: i % 2 == 0 ? "even" : "odd", outcome: i % 7 == 0 ? PlatformAuditing.AuditOutcome.Denied : PlatformAuditing.AuditOutcome.Success,
                subject: $"CN=user{i % 4}"));
        }

        var creates = (await log.Store.SearchAsync(new EventQuery { Action = "x.create" })).Entries;
        Assert.Equal([27L, 24, 21, 18, 15, 12, 9, 6, 3, 0], creates.Select(e => e.Index));
        var combined = (await log.Store.SearchAsync(new EventQuery { Module = "even", Target = "t0", Actor = "CN=user0" })).Entries;
        Assert.Equal([20L, 0], combined.Select(e => e.Index));
        var denied = (await log.Store.SearchAsync(new EventQuery { Outcome = "denied" })).Entries;
        Assert.Equal([28L, 21, 14, 7, 0], denied.Select(e => e.Index));
        var page = (await log.Store.SearchAsync(new EventQuery { Limit = 4, Before = 10 })).Entries;
        Assert.Equal([9L, 8, 7, 6], page.Select(e => e.Index));
        var future = (await log.Store.SearchAsync(new EventQuery { From = DateTimeOffset.UtcNow.AddHours(1) })).Entries;
        Assert.Empty(future);
        var past = (await log.Store.SearchAsync(new EventQuery { To = DateTimeOffset.UtcNow.AddHours(1), Limit = 1000 })).Entries;
        Assert.Equal(30, past.Count);
        var times = (await ReadAllAsync(log.Store, 30)).Select(e => AuditRecordDecoder.TryDecode(e.Entry)!.Time).ToList();
        var (from, to) = (times[8], times[20]);
        var window = (await log.Store.SearchAsync(new EventQuery { From = from, To = to, Limit = 1000 })).Entries;
        var expected = Enumerable.Range(0, 30).Where(i => times[i] >= from && times[i] <= to).Select(i => (long)i).Reverse();
        Assert.Equal(expected, window.Select(e => e.Index));
    }

    [Fact]
    public async Task SearchAsync_SeveralFilters_PagesThroughBoundedStretchesToTheSameEntries()
    {
        await using var log = await OpenAsync();
        for (var i = 0; i < 30; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(action: i % 3 == 0 ? "x.create" : "x.read", module: i % 2 == 0 ? "even" : "odd"));
        }

        var query = new EventQuery { Action = "x.create", Module = "even", Limit = 2, ScanWindow = 8 };
        var found = new List<long>();
        var pages = 0;
        for (long? cursor = null; ; pages++)
        {
            var page = await log.Store.SearchAsync(query with { Before = cursor });
            Assert.All(page.Entries, entry => Assert.InRange(entry.Index, (cursor ?? 30) - 8, (cursor ?? 30) - 1));
            found.AddRange(page.Entries.Select(e => e.Index));
            if (page.Next is not { } next)
            {
                break;
            }

            cursor = next;
        }

        Assert.Equal([24L, 18, 12, 6, 0], found);
        Assert.True(pages >= 3, $"{pages} pages");
        var times = (await ReadAllAsync(log.Store, 30)).Select(e => AuditRecordDecoder.TryDecode(e.Entry)!.Time).ToList();
        var recent = await log.Store.SearchAsync(query with { From = times[20], Limit = 10, ScanWindow = 100 });
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 6 == 0 && times[i] >= times[20]).Select(i => (long)i).Reverse(), recent.Entries.Select(e => e.Index));
        Assert.Null(recent.Next);
    }

    [Fact]
    public async Task RecordAsync_SecretLikeDetail_ThrowsAndStoresNothing()
    {
        await using var log = await OpenAsync();
        var secret = AuditTestLog.Event() with { Details = new Dictionary<string, string> { ["password"] = "hunter2" } };

        await Assert.ThrowsAsync<InvalidOperationException>(() => log.Trail.RecordAsync(secret));
        await log.Trail.RecordAsync(AuditTestLog.Event());

        Assert.Equal(1, await log.Store.GetSizeAsync());
    }

    [Fact]
    public async Task RecordAsync_SameEventIdAgain_IsRecordedOnce()
    {
        await using (var log = await OpenAsync())
        {
            var keyed = AuditTestLog.Event(target: "once") with { Id = "3f1c0d5e9a2b4c6d8e0f1a2b3c4d5e6f" };

            // Twice at once (one batch) and once more later: the writer's delivery and the outbox's.
            await Task.WhenAll(log.Trail.RecordAsync(keyed), log.Trail.RecordAsync(keyed));
            await log.Trail.RecordAsync(AuditTestLog.Event(target: "other"));
            await log.Trail.RecordAsync(keyed with { Details = new Dictionary<string, string> { ["committedAt"] = "later" } });

            Assert.Equal(2, await log.Store.GetSizeAsync());
        }

        await using var restarted = await OpenAsync();
        await restarted.Trail.RecordAsync(AuditTestLog.Event(target: "once") with { Id = "3f1c0d5e9a2b4c6d8e0f1a2b3c4d5e6f" });
        Assert.Equal(2, await restarted.Store.GetSizeAsync());
        var targets = (await ReadAllAsync(restarted.Store, 2)).Select(e => AuditRecordDecoder.TryDecode(e.Entry)!.Target);
        Assert.Equal(["once", "other"], targets);
    }

    protected static async Task<List<StoredEntry>> ReadAllAsync(IAuditStore store, long size)
    {
        var entries = new List<StoredEntry>();
        for (long i = 0; i < size; i++)
        {
            entries.Add((await store.GetEntryAsync(i))!);
        }

        return entries;
    }

    protected static byte[] RebuiltRoot(IEnumerable<StoredEntry> entries)
    {
        var builder = new MerkleTreeBuilder(new InMemoryHashStore());
        foreach (var entry in entries.OrderBy(e => e.Index))
        {
            builder.AppendEntry(entry.Entry);
        }

        return builder.RootHash();
    }
}

public sealed class SqliteAuditStoreTests : AuditStoreConformanceTests
{
    protected override Task<string?> StorageAsync() => Task.FromResult<string?>(null);
}

public sealed class PostgreSqlAuditStoreTests : AuditStoreConformanceTests
{
    private PostgresDatabase? database;

    protected override async Task<string?> StorageAsync() => (database ??= await PostgresDatabase.CreateAsync()).ConnectionString;

    [Fact]
    public async Task RecordAsync_TwoNodesOnOneDatabase_NeverReuseAnIndex()
    {
        var connection = await StorageAsync();
        await using var first = await AuditTestLog.OpenAsync(DataDirectory, connection);
        await using var second = await AuditTestLog.OpenAsync(DataDirectory, connection);

        await Task.WhenAll(new[] { first, second }.SelectMany((node, n) => Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await node.Trail.RecordAsync(AuditTestLog.Event(target: $"n{n}-w{writer}-{i}"));
            }
        }))));

        Assert.Equal(320, await first.Store.GetSizeAsync());
        var entries = await ReadAllAsync(first.Store, 320);
        Assert.Equal(320, entries.Select(e => AuditRecordDecoder.TryDecode(e.Entry)!.Target).Distinct().Count());
        var stored = await first.Hashes.RunAsync(320, r => new MerkleProver(r).GetRootHash(320), CancellationToken.None);
        Assert.Equal(RebuiltRoot(entries), stored.Value);
        Assert.Equal(PublishOutcome.Published, (await second.Publisher.PublishAsync()).Outcome);
    }

    public override async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}

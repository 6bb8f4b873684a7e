using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pki.Ca.Crl;
using Pki.Ca.Hierarchy;
using Pki.Ca.Ocsp;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using Pki.Ca.Tests.Storage;
using Platform.Certificates;
using Platform.Hosting;
using Platform.Tests.Storage.Harness;
using TestSupport;

namespace Pki.Ca.Tests.Revocation;

/// <summary>
/// A node takes in the revocations of the other nodes sharing its database: woken by the
/// database's signal on PostgreSQL (the poll interval is set far beyond the test's patience),
/// by polling on SQLite.
/// </summary>
public abstract class RevocationSyncConformanceTests(StorageTarget target, double syncIntervalSeconds) : CaStoreTestBase(target)
{
    private readonly CaOptions options = new() { Revocation = new RevocationOptions { SyncIntervalSeconds = syncIntervalSeconds } };
    private CertificateStatusDirectory statuses = null!;

    [Fact]
    public async Task HoldReleaseAndRevocationOnAnotherNode_ReachThisNodesCertificateStatus()
    {
        var other = (IRevocationStore)await CreateStoreWithCaAsync();
        await AddAllAsync((ICaStore)other, [Certificate("0e01"), Certificate("0e02")]);

        await WithSyncAsync((IRevocationStore)CreateStore(), async (node, cache) =>
        {
            await statuses.TrackAsync(["0e01", "0e02", "0eff"]);
            var told = new List<string>();
            statuses.StatusChanged += changed => { lock (told) { told.AddRange(changed); } };
            Assert.Equal(CertificateHolderStatus.Good, statuses.StatusOf("0e01"));
            Assert.Equal(CertificateHolderStatus.Unknown, statuses.StatusOf("0eff")); // never issued
            Assert.Equal(CertificateHolderStatus.Unknown, statuses.StatusOf("0e03")); // never tracked

            await other.RevokeAsync("0e01", "certificateHold", Now, null, Change("0e01"));
            await Eventually.TrueAsync(() => statuses.StatusOf("0e01") == CertificateHolderStatus.OnHold);

            await other.ReleaseHoldAsync("0e01", Change("0e01"));
            await Eventually.TrueAsync(() => statuses.StatusOf("0e01") == CertificateHolderStatus.Good);

            await other.RevokeAsync("0e01", "keyCompromise", Now, null, Change("0e01"));
            await Eventually.TrueAsync(() => statuses.StatusOf("0e01") == CertificateHolderStatus.Revoked);
            Assert.Equal(CertificateHolderStatus.Good, statuses.StatusOf("0e02"));
            lock (told)
            {
                Assert.Contains("0e01", told);
                Assert.DoesNotContain("0e02", told);
            }
        });
    }

    [Fact]
    public async Task CertificatePastItsNotAfter_IsExpired()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [Certificate("0e10", notAfter: Now.AddDays(1))]);
        var clock = new StoppedClock(Now);
        var directory = new CertificateStatusDirectory(store, clock, NullLogger<CertificateStatusDirectory>.Instance);
        await directory.TrackAsync(["0e10"]);
        Assert.Equal(CertificateHolderStatus.Good, directory.StatusOf("0e10"));

        clock.Now = Now.AddDays(2);

        Assert.Equal(CertificateHolderStatus.Expired, directory.StatusOf("0e10"));
    }

    [Fact]
    public async Task RevocationOnAnotherNode_DropsThisNodesPreSignedAnswersAboutIt()
    {
        var other = (IRevocationStore)await CreateStoreWithCaAsync();
        await AddAllAsync((ICaStore)other, [Certificate("0d01"), Certificate("0d02")]);

        await WithSyncAsync((IRevocationStore)CreateStore(), async (node, cache) =>
        {
            cache.Add([1], Answer("0d01"), cache.Generation);
            cache.Add([2], Answer("0d02"), cache.Generation);

            await other.RevokeAsync("0d01", "keyCompromise", Now, null, Change("0d01"));

            await Eventually.TrueAsync(() => !cache.TryGet([1], out _));
            Assert.True(cache.TryGet([2], out _));
        });
    }

    [Fact]
    public async Task ManyRevocationsOnAnotherNode_DropEveryAnswerAboutThem()
    {
        var other = (IRevocationStore)await CreateStoreWithCaAsync();
        var serials = Enumerable.Range(0, 60).Select(i => $"0f{i:x2}").ToList();
        await AddAllAsync((ICaStore)other, serials.Select(serial => Certificate(serial)));

        await WithSyncAsync((IRevocationStore)CreateStore(), async (node, cache) =>
        {
            for (var i = 0; i < serials.Count; i++)
            {
                cache.Add([0x0f, (byte)i], Answer(serials[i]), cache.Generation);
            }

            await Task.WhenAll(serials.Take(50).Select(serial => other.RevokeAsync(serial, "cessationOfOperation", Now, null, Change(serial))));

            await Eventually.TrueAsync(() => Enumerable.Range(0, 50).All(i => !cache.TryGet([0x0f, (byte)i], out _)));
            Assert.All(Enumerable.Range(50, 10), i => Assert.True(cache.TryGet([0x0f, (byte)i], out _)));
        });
    }

    [Fact]
    public async Task ChangesOfThisNode_AreNotTakenInAgain()
    {
        var other = (IRevocationStore)await CreateStoreWithCaAsync();
        await AddAllAsync((ICaStore)other, [Certificate("0d03"), Certificate("0d04")]);

        await WithSyncAsync((IRevocationStore)CreateStore(), async (node, cache) =>
        {
            // This node's answer about 0d03 stands for its own revocation (its revocation service
            // answers for it); the sync must not drop it when it reads the change back.
            cache.Add([3], Answer("0d03"), cache.Generation);
            cache.Add([4], Answer("0d04"), cache.Generation);
            await node.RevokeAsync("0d03", "superseded", Now, null, Change("0d03"));

            await other.ReleaseHoldAsync("0d04", Change("0d04")); // not on hold: no change
            await other.RevokeAsync("0d04", "certificateHold", Now, null, Change("0d04"));

            await Eventually.TrueAsync(() => !cache.TryGet([4], out _));
            Assert.True(cache.TryGet([3], out _)); // changes are taken in order: 0d03's came first and was skipped
        });
    }

    [Fact]
    public async Task ChangesBeforeStart_AreAlreadyInWhatTheNodeLoads()
    {
        var other = (IRevocationStore)await CreateStoreWithCaAsync();
        await AddAllAsync((ICaStore)other, [Certificate("0d05"), Certificate("0d06")]);
        await other.RevokeAsync("0d05", "superseded", Now, null, Change("0d05"));

        await WithSyncAsync((IRevocationStore)CreateStore(), async (node, cache) =>
        {
            cache.Add([5], Answer("0d05"), cache.Generation);
            cache.Add([6], Answer("0d06"), cache.Generation);

            await other.RevokeAsync("0d06", "superseded", Now, null, Change("0d06"));

            await Eventually.TrueAsync(() => !cache.TryGet([6], out _));
            Assert.True(cache.TryGet([5], out _));
        });
    }

    /// <summary>Runs <paramref name="test"/> with the sync of a node on <paramref name="store"/> started, then stops it.</summary>
    private async Task WithSyncAsync(IRevocationStore store, Func<IRevocationStore, OcspResponseCache, Task> test)
    {
        var cache = new OcspResponseCache(Options.Create(options), TimeProvider.System);
        var sync = await StartAsync(store, cache);
        try
        {
            await test(store, cache);
        }
        finally
        {
            await sync.StopAsync(CancellationToken.None);
        }
    }

    private async Task<RevocationSync> StartAsync(IRevocationStore store, OcspResponseCache cache)
    {
        var wrapped = Options.Create(options);
        var publisher = new CrlPublisher(
            new CaRegistry(), store, wrapped, new PkiUrls(Options.Create(new PlatformOptions())), TimeProvider.System, NullLogger<CrlPublisher>.Instance,
            new Pki.Ca.Metrics.CaMetrics(Metrics.TestMeters.Factory(), TimeProvider.System));
        // The test certificates' validity is around the fixed Now, not today.
        statuses = new CertificateStatusDirectory((ICaStore)store, new StoppedClock(Now), NullLogger<CertificateStatusDirectory>.Instance);
        var sync = new RevocationSync(store, cache, statuses, publisher, wrapped, NullLogger<RevocationSync>.Instance);
        await sync.StartAsync(CancellationToken.None);
        return sync;
    }

    private static OcspAnswer Answer(string serial)
    {
        var now = DateTimeOffset.UtcNow;
        return new OcspAnswer([0x30, 0x03, 0x0a, 0x01, 0x00], true, [serial], now, now.AddHours(1));
    }

}

public sealed class RevocationSyncSqliteTests() : RevocationSyncConformanceTests(new SqliteStorageTarget(), syncIntervalSeconds: 0.05);

public sealed class RevocationSyncPostgreSqlTests() : RevocationSyncConformanceTests(new PostgreSqlStorageTarget(), syncIntervalSeconds: 600);

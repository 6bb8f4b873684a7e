using Pki.Ca.Storage;
using Platform.Storage;
using Platform.Tests.Storage.Harness;

namespace Pki.Ca.Tests.Storage;

/// <summary>Revocation state, CRL numbering and published CRLs, on every provider.</summary>
public abstract class RevocationStoreConformanceTests(StorageTarget target) : CaStoreTestBase(target)
{
    [Fact]
    public async Task RevokeAsync_ValidCertificate_IsListedWithReasonAndInvalidityDate()
    {
        var store = await CreateStoreWithCaAsync();
        await store.AddCertificateAsync(Certificate("0a01"), Change("c"));
        var revocations = (IRevocationStore)store;

        Assert.Equal(RevocationWrite.Done, await revocations.RevokeAsync("0a01", "keyCompromise", Now, Now.AddDays(-3), Change("0a01")));

        var entry = Assert.Single(await revocations.ListRevokedAsync("issuing"));
        Assert.Equal(new RevokedEntry("0a01", Now, "keyCompromise", Now.AddDays(-3)), entry);
        Assert.Equal(CertificateStatus.Revoked, (await store.GetCertificateAsync("0a01"))!.StatusAt(Now));
    }

    [Fact]
    public async Task RevokeAsync_InABatchRetriedBecauseOneWriteFails_RecordsEachRevocationOnce()
    {
        var database = Target.CreateFactory().Open("ca", CaMigrations.All);
        var store = new SqlCaStore(database, Audit.Outbox());
        Assert.True(await store.TryAddCaAsync(Ca("issuing", Now.AddDays(-30)), Change("issuing")));
        var serials = Enumerable.Range(0, 12).Select(i => $"0b{i:x2}").ToList();
        await AddAllAsync(store, serials.Select(serial => Certificate(serial)));
        var recordedBefore = Audit.Received.Count;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold the committer, so the revocations and a failing write share one batch, which is then retried write by write.
        var holding = database.WriteAsync(async (_, _, _) => { await gate.Task; return 0; });
        var revocations = serials.Select(serial => store.RevokeAsync(serial, "superseded", Now, null, Change(serial))).ToList();
        var failing = database.WriteAsync<int>((_, _, _) => throw new InvalidOperationException("this write fails"));

        gate.SetResult();
        await holding;

        Assert.All(await Task.WhenAll(revocations), write => Assert.Equal(RevocationWrite.Done, write));
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(serials, Audit.Received.Skip(recordedBefore).Select(e => e.Target!).Order());
    }

    [Fact]
    public async Task RevokeAsync_RefusedAsAlreadyRevoked_RecordsNothing()
    {
        var store = await CreateStoreWithCaAsync();
        await store.AddCertificateAsync(Certificate("0b80"), Change("c"));
        var revocations = (IRevocationStore)store;
        await revocations.RevokeAsync("0b80", "superseded", Now, null, Change("first"));

        Assert.Equal(RevocationWrite.AlreadyRevoked, await revocations.RevokeAsync("0b80", "keyCompromise", Now, null, Change("second")));

        Assert.DoesNotContain(Audit.Received, e => e.Target == "second");
        Assert.Single(Audit.Received, e => e.Target == "first");
    }

    [Fact]
    public async Task RevokeAsync_Twice_IsAlreadyRevoked()
    {
        var store = await CreateStoreWithCaAsync();
        await store.AddCertificateAsync(Certificate("0a02"), Change("c"));
        var revocations = (IRevocationStore)store;
        await revocations.RevokeAsync("0a02", "superseded", Now, null, Change("0a02"));

        Assert.Equal(RevocationWrite.AlreadyRevoked, await revocations.RevokeAsync("0a02", "keyCompromise", Now, null, Change("0a02")));
        Assert.Equal("superseded", (await store.GetCertificateAsync("0a02"))!.RevocationReason);
    }

    [Fact]
    public async Task RevokeAsync_UnknownSerial_IsNotFound()
    {
        var revocations = (IRevocationStore)await CreateStoreWithCaAsync();

        Assert.Equal(RevocationWrite.NotFound, await revocations.RevokeAsync("0bad", "keyCompromise", Now, null, Change("0bad")));
        Assert.Equal(RevocationWrite.NotFound, await revocations.ReleaseHoldAsync("0bad", Change("0bad")));
    }

    [Fact]
    public async Task Hold_CanBeReleasedOrMadePermanent_ButNotHeldTwice()
    {
        var store = await CreateStoreWithCaAsync();
        await AddAllAsync(store, [Certificate("0a03"), Certificate("0a04")]);
        var revocations = (IRevocationStore)store;
        await revocations.RevokeAsync("0a03", "certificateHold", Now, null, Change("0a03"));
        await revocations.RevokeAsync("0a04", "certificateHold", Now, null, Change("0a04"));

        Assert.Equal(RevocationWrite.AlreadyRevoked, await revocations.RevokeAsync("0a03", "certificateHold", Now, null, Change("0a03")));
        Assert.Equal(RevocationWrite.Done, await revocations.ReleaseHoldAsync("0a03", Change("0a03")));
        Assert.Equal(RevocationWrite.Done, await revocations.RevokeAsync("0a04", "keyCompromise", Now.AddHours(1), null, Change("0a04")));
        Assert.Equal(RevocationWrite.NotOnHold, await revocations.ReleaseHoldAsync("0a04", Change("0a04")));
        Assert.Equal(RevocationWrite.NotOnHold, await revocations.ReleaseHoldAsync("0a03", Change("0a03")));

        Assert.Equal(["0a04"], (await revocations.ListRevokedAsync("issuing")).Select(e => e.SerialNumber));
    }

    [Fact]
    public async Task RevokeAsync_ManyCallersAtOnce_ExactlyOneWins()
    {
        var store = await CreateStoreWithCaAsync();
        await store.AddCertificateAsync(Certificate("0a05"), Change("c"));
        var revocations = (IRevocationStore)store;

        var writes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => revocations.RevokeAsync("0a05", "keyCompromise", Now, null, Change("0a05"))));

        Assert.Single(writes, w => w == RevocationWrite.Done);
    }

    [Fact]
    public async Task NextCrlNumberAsync_AcrossNodesAndRestarts_StrictlyIncreases()
    {
        await CreateStoreWithCaAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => (IRevocationStore)CreateStore()).ToList();

        var numbers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => nodes[i % nodes.Count].NextCrlNumberAsync("issuing")));
        var afterRestart = await ((IRevocationStore)CreateStore()).NextCrlNumberAsync("issuing");

        Assert.Equal(Enumerable.Range(1, 60).Select(n => (long)n), numbers.Order());
        Assert.Equal(61, afterRestart);
    }

    [Fact]
    public async Task LatestCrlAsync_KeepsFullAndDeltaApart()
    {
        var store = (IRevocationStore)await CreateStoreWithCaAsync();
        await store.SaveCrlsAsync([new StoredCrl("issuing", 1, null, Now, Now.AddDays(1), [1])]);
        await store.SaveCrlsAsync([new StoredCrl("issuing", 2, 1, Now, Now.AddDays(1), [2])]);
        await store.SaveCrlsAsync([new StoredCrl("issuing", 3, null, Now.AddHours(1), Now.AddDays(1), [3])]);

        Assert.Equal(3, (await store.LatestCrlAsync("issuing", delta: false))!.Number);
        Assert.Equal((3L, 2L), await store.LatestCrlNumbersAsync("issuing"));
        Assert.Equal((0L, 0L), await store.LatestCrlNumbersAsync("root"));
        var delta = (await ((IRevocationStore)CreateStore()).LatestCrlAsync("issuing", delta: true))!;
        Assert.Equal((2L, (long?)1L), (delta.Number, delta.BaseNumber));
        Assert.Null(await store.LatestCrlAsync("root", delta: false));
    }

    [Fact]
    public async Task SaveCrlsAsync_SecondFails_NeitherIsStored()
    {
        var store = (IRevocationStore)await CreateStoreWithCaAsync();
        await store.SaveCrlsAsync([new StoredCrl("issuing", 1, null, Now, Now.AddDays(1), [1]), new StoredCrl("issuing", 2, 1, Now, Now.AddDays(1), [2])]);

        // Number 2 is taken: the delta fails, and the full CRL before it must not stay alone.
        await Assert.ThrowsAnyAsync<Exception>(() => store.SaveCrlsAsync(
            [new StoredCrl("issuing", 3, null, Now, Now.AddDays(1), [3]), new StoredCrl("issuing", 2, 3, Now, Now.AddDays(1), [4])]));

        Assert.Equal((1L, 2L), await store.LatestCrlNumbersAsync("issuing"));
        Assert.Equal(2, await store.LastChangeAsync());
    }

    [Fact]
    public async Task SaveCrlsAsync_ManyCrls_KeepsTheNewestTwentyOfEachKind()
    {
        var database = Target.CreateFactory().Open("ca", CaMigrations.All);
        var store = new SqlCaStore(database, Audit.Outbox());
        Assert.True(await store.TryAddCaAsync(Ca("issuing", Now.AddDays(-30)), Change("issuing")));
        await store.TryAddCaAsync(Ca("root", Now.AddDays(-30)), Change("root"));
        await store.SaveCrlsAsync([new StoredCrl("issuing", 1, null, Now, Now.AddDays(1), [1])]);
        await store.SaveCrlsAsync([new StoredCrl("issuing", 2, 1, Now, Now.AddDays(1), [2])]);
        await store.SaveCrlsAsync([new StoredCrl("root", 1, null, Now, Now.AddDays(1), [1])]);
        for (var number = 3; number <= 32; number++)
        {
            // Thirty full CRLs in a row, as a CA whose deltas another node publishes might see.
            await store.SaveCrlsAsync([new StoredCrl("issuing", number, null, Now, Now.AddDays(1), [(byte)number])]);
        }

        Assert.Equal((32L, 2L), await store.LatestCrlNumbersAsync("issuing"));
        Assert.Equal((1L, 0L), await store.LatestCrlNumbersAsync("root"));
        await using var connection = await database.OpenAsync();
        await using var count = connection.Command("SELECT ca_name, COUNT(*), MIN(number) FROM crls GROUP BY ca_name, base_number IS NULL ORDER BY 1, 2");
        var kept = new List<(string, long, long)>();
        await using (var reader = await count.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                kept.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        Assert.Equal([("issuing", 1L, 2L), ("issuing", 20L, 13L), ("root", 1L, 1L)], kept);
    }

    [Fact]
    public async Task ChangesAfterAsync_RevocationsAndCrls_InCommitOrderAndMarkedWithTheirNode()
    {
        var node = await CreateStoreWithCaAsync();
        await AddAllAsync(node, [Certificate("0b01"), Certificate("0b02")]);
        var revocations = (IRevocationStore)node;
        await revocations.RevokeAsync("0b01", "keyCompromise", Now, null, Change("0b01"));
        await revocations.RevokeAsync("0b01", "superseded", Now, null, Change("0b01")); // refused: no change
        await revocations.RevokeAsync("0b02", "certificateHold", Now, null, Change("0b02"));
        await revocations.ReleaseHoldAsync("0b02", Change("0b02"));
        await revocations.SaveCrlsAsync([new StoredCrl("issuing", 7, null, Now, Now.AddDays(1), [7], CoversChange: 3)]);
        var other = (IRevocationStore)CreateStore();

        var seenByOther = await other.ChangesAfterAsync(0, 100);
        var seenByNode = await revocations.ChangesAfterAsync(0, 100);

        Assert.Equal(
            [new(1, false, "issuing", "0b01", null), new(2, false, "issuing", "0b02", null), new(3, false, "issuing", "0b02", null), new RevocationChange(4, false, "issuing", null, 7)],
            seenByOther);
        Assert.All(seenByNode, change => Assert.True(change.Local));
        Assert.Equal(seenByOther.Skip(2).Select(c => c.Sequence), (await other.ChangesAfterAsync(2, 100)).Select(c => c.Sequence));
        Assert.Single(await other.ChangesAfterAsync(0, 1));
        Assert.Equal(4, await other.LastChangeAsync());
        Assert.Equal(3, await other.LastRevocationChangeAsync("issuing"));
        Assert.Equal(0, await other.LastRevocationChangeAsync("root"));
        Assert.Equal(3, (await other.LatestCrlAsync("issuing", delta: false))!.CoversChange);
    }

    [Fact]
    public async Task ChangedRevocationsAsync_SinceAPosition_ListsEachChangedCertificateAsItStandsNow()
    {
        var node = await CreateStoreWithCaAsync();
        await AddAllAsync(node, [Certificate("0e01"), Certificate("0e02"), Certificate("0e03")]);
        var revocations = (IRevocationStore)node;
        await revocations.RevokeAsync("0e01", "keyCompromise", Now, null, Change("0e01"));
        await revocations.RevokeAsync("0e02", "certificateHold", Now, null, Change("0e02"));
        await revocations.ReleaseHoldAsync("0e02", Change("0e02"));
        await revocations.RevokeAsync("0e03", "superseded", Now, Now.AddDays(-2), Change("0e03"));

        var changed = await ((IRevocationStore)CreateStore()).ChangedRevocationsAsync("issuing", 1, null);

        Assert.True(changed.Complete);
        Assert.Equal(4, changed.Through);
        Assert.Equal(
            [("0e02", (RevokedEntry?)null), ("0e03", new RevokedEntry("0e03", Now, "superseded", Now.AddDays(-2)))],
            changed.Certificates.OrderBy(c => c.SerialNumber));
        Assert.Empty((await revocations.ChangedRevocationsAsync("root", 0, null)).Certificates);
        Assert.Equal(["0e02"], (await revocations.ChangedRevocationsAsync("issuing", 1, 2)).Certificates.Select(c => c.SerialNumber));
    }

    [Fact]
    public async Task ChangedRevocationsAsync_RangePartlyPruned_IsIncomplete()
    {
        var node = await CreateStoreWithCaAsync();
        await AddAllAsync(node, [Certificate("0e04"), Certificate("0e05")]);
        var store = (IRevocationStore)node;
        await store.RevokeAsync("0e04", "keyCompromise", Now, null, Change("0e04"));
        await store.RevokeAsync("0e05", "keyCompromise", Now, null, Change("0e05"));
        await Target.ExecuteRawAsync("ca", "UPDATE revocation_changes SET changed_at = 0 WHERE sequence = 1");

        await store.SaveCrlsAsync([new StoredCrl("issuing", 1, null, Now, Now.AddDays(1), [1], CoversChange: 2)]); // prunes change 1

        // A node whose entries cover nothing yet cannot trust the log to hold everything since.
        Assert.False((await store.ChangedRevocationsAsync("issuing", 0, null)).Complete);
        var sinceFirst = await store.ChangedRevocationsAsync("issuing", 1, null);
        Assert.True(sinceFirst.Complete);
        Assert.Equal(["0e05"], sinceFirst.Certificates.Select(c => c.SerialNumber));
        Assert.Equal(3, await store.LastChangeAsync());
    }

    [Fact]
    public async Task ChangesSinceTheNewestFullCrl_AreKeptPastTheRetention()
    {
        var node = await CreateStoreWithCaAsync();
        await AddAllAsync(node, [Certificate("0e06"), Certificate("0e07")]);
        var store = (IRevocationStore)node;
        await store.RevokeAsync("0e06", "keyCompromise", Now, null, Change("0e06")); // change 1
        await store.SaveCrlsAsync([new StoredCrl("issuing", 1, null, Now, Now.AddDays(30), [1], CoversChange: 1)]); // change 2
        await store.RevokeAsync("0e07", "keyCompromise", Now, null, Change("0e07")); // change 3
        await Target.ExecuteRawAsync("ca", "UPDATE revocation_changes SET changed_at = 0");

        // A delta CRL, weeks into a long-lived full CRL: the prune keeps what the next delta needs.
        await store.SaveCrlsAsync([new StoredCrl("issuing", 2, 1, Now, Now.AddDays(30), [2], CoversChange: 3)]);

        var sinceBase = await store.ChangedRevocationsAsync("issuing", 1, null);
        Assert.True(sinceBase.Complete);
        Assert.Equal(["0e07"], sinceBase.Certificates.Select(c => c.SerialNumber));
        Assert.False((await store.ChangedRevocationsAsync("issuing", 0, null)).Complete); // change 1 is gone
    }

    [Fact]
    public async Task ChangesAfterAsync_NodesRevokingAtOnce_GetDistinctGaplessSequences()
    {
        var first = await CreateStoreWithCaAsync();
        var serials = Enumerable.Range(0, 40).Select(i => $"0c{i:x2}").ToList();
        await AddAllAsync(first, serials.Select(s => Certificate(s)));
        var nodes = Enumerable.Range(0, 3).Select(_ => (IRevocationStore)CreateStore()).ToList();

        await Task.WhenAll(serials.Select((serial, i) => nodes[i % nodes.Count].RevokeAsync(serial, "superseded", Now, null, Change(serial))));

        var changes = await nodes[0].ChangesAfterAsync(0, 100);
        Assert.Equal(Enumerable.Range(1, 40).Select(n => (long)n), changes.Select(c => c.Sequence));
        Assert.Equal(serials.Order(), changes.Select(c => c.SerialNumber).Order());
    }
}

public sealed class RevocationStoreSqliteTests() : RevocationStoreConformanceTests(new SqliteStorageTarget());

public sealed class RevocationStorePostgreSqlTests() : RevocationStoreConformanceTests(new PostgreSqlStorageTarget());

using Platform.Auditing;
using Platform.Storage;
using Platform.Tests.Storage;
using Platform.Tests.Storage.Harness;
using TestSupport;

namespace Platform.Tests.Auditing;

/// <summary>
/// <see cref="AuditOutbox"/> on every provider: an event per committed change, once, however the
/// group committer retries; none for a write that changed nothing; and an event the trail could
/// not take waits in the module's database until it can.
/// </summary>
public abstract class AuditOutboxConformanceTests(StorageTarget target) : StorageConformanceTests(target)
{
    private readonly RecordingAuditTrail trail = new();

    [Fact]
    public async Task WriteAsync_BatchRetriedBecauseOneWriteFails_RecordsEachCommittedChangeOnce()
    {
        var database = Open();
        var outbox = trail.Outbox();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold the committer so that everything below lands in one batch.
        var holding = database.WriteAsync(async (_, _, _) => { await gate.Task; return 0; });
        var writes = Enumerable.Range(1, 20).Where(id => id != 7).Select(id => outbox.WriteAsync(database, async (connection, transaction, ct) =>
            new Audited<int>(await TestSchema.InsertAsync(connection, transaction, id, "v", ct), Change(id)))).ToList();
        var failing = database.WriteAsync<int>((_, _, _) => throw new InvalidOperationException("this write fails"));

        gate.SetResult();
        await holding;
        await Task.WhenAll(writes);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);

        Assert.Equal(19, trail.Received.Count);
        Assert.Equal(Enumerable.Range(1, 20).Where(id => id != 7), trail.Received.Select(e => int.Parse(e.Target!, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.All(trail.Received, e => Assert.NotNull(e.Id));
        await Eventually.EqualAsync(0L, () => TestSchema.CountAsync(database, "audit_outbox"));
    }

    [Fact]
    public async Task WriteAsync_WriteChangesNothing_RecordsNothing()
    {
        var database = Open();

        var result = await trail.Outbox().WriteAsync(database, (_, _, _) => Task.FromResult(new Audited<string>("unchanged", null)));

        Assert.Equal("unchanged", result);
        Assert.Empty(trail.Received);
        Assert.Equal(0, await TestSchema.CountAsync(database, "audit_outbox"));
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_RecordsNothingAndStagesNothing()
    {
        var database = Open();

        await Assert.ThrowsAsync<InvalidOperationException>(() => trail.Outbox().WriteAsync<int>(database, async (connection, transaction, ct) =>
        {
            await TestSchema.InsertAsync(connection, transaction, 1, "v", ct);
            throw new InvalidOperationException("refused half-way");
        }));

        Assert.Empty(trail.Received);
        Assert.Empty(await TestSchema.IdsAsync(database));
        Assert.Equal(0, await TestSchema.CountAsync(database, "audit_outbox"));
    }

    [Fact]
    public async Task WriteAsync_TrailUnavailable_RefusesTheCallerAndTheEventWaitsUntilDrained()
    {
        var database = Open();
        var outbox = trail.Outbox();
        trail.Broken = true;

        await Assert.ThrowsAsync<AuditUnavailableException>(() => outbox.WriteAsync(database, async (connection, transaction, ct) =>
            new Audited<int>(await TestSchema.InsertAsync(connection, transaction, 1, "v", ct), Change(1))));

        Assert.Equal([1], await TestSchema.IdsAsync(database));
        Assert.Equal(1, await TestSchema.CountAsync(database, "audit_outbox"));
        await Assert.ThrowsAsync<AuditUnavailableException>(() => outbox.DrainAsync(database, TimeSpan.Zero));
        trail.Broken = false;

        Assert.Equal(1, await outbox.DrainAsync(database, TimeSpan.Zero));

        var recorded = Assert.Single(trail.Events);
        Assert.Equal("1", recorded.Target);
        Assert.True(DateTimeOffset.TryParse(recorded.Details[AuditOutbox.CommittedAtDetail], out _));
        Assert.Equal(0, await TestSchema.CountAsync(database, "audit_outbox"));
        Assert.Equal(0, await outbox.DrainAsync(database, TimeSpan.Zero));
    }

    [Fact]
    public async Task DrainAsync_EventsYoungerThanTheGrace_AreLeftToTheirWriter()
    {
        var database = Open();
        var outbox = trail.Outbox();
        trail.Broken = true;
        await Assert.ThrowsAsync<AuditUnavailableException>(() => outbox.WriteAsync(database, async (connection, transaction, ct) =>
            new Audited<int>(await TestSchema.InsertAsync(connection, transaction, 1, "v", ct), Change(1))));
        trail.Broken = false;

        Assert.Equal(0, await outbox.DrainAsync(database, TimeSpan.FromHours(1)));
        Assert.Equal(1, await outbox.DrainAsync(database, TimeSpan.Zero));
    }

    [Fact]
    public async Task DrainAsync_AfterARestart_DeliversWhatAnotherNodeLeft()
    {
        var first = Target.CreateFactory();
        trail.Broken = true;
        await Assert.ThrowsAsync<AuditUnavailableException>(() => trail.Outbox().WriteAsync(first.Open(TestSchema.Module, TestSchema.All),
            async (connection, transaction, ct) => new Audited<int>(await TestSchema.InsertAsync(connection, transaction, 1, "v", ct), Change(1))));
        await Target.StopAsync(first);
        trail.Broken = false;

        Assert.Equal(1, await trail.Outbox().DrainAsync(Open(), TimeSpan.Zero));
        Assert.Equal("1", Assert.Single(trail.Events).Target);
    }

    private IModuleDatabase Open() => Target.CreateFactory().Open(TestSchema.Module, TestSchema.All);

    private static AuditEvent Change(int id) => new() { Module = "items", Action = "item.add", Outcome = AuditOutcome.Success, Target = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class AuditOutboxSqliteTests() : AuditOutboxConformanceTests(new SqliteStorageTarget());

public sealed class AuditOutboxPostgreSqlTests() : AuditOutboxConformanceTests(new PostgreSqlStorageTarget());

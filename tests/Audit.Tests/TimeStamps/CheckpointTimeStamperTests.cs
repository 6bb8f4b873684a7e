using Audit.Publishing;
using Audit.Storage;
using Audit.Tests.Storage;
using Audit.TimeStamps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Platform.TimeStamping;
using System.Security.Cryptography;
using System.Text;
using TestSupport;

namespace Audit.Tests.TimeStamps;

/// <summary>
/// Publishing with the platform's TSA: each checkpoint is stamped over exactly its served note, a
/// refusal never holds a checkpoint back, the latest's missing token is asked for again at the next
/// publication, and stamping records nothing in the log.
/// </summary>
public sealed class CheckpointTimeStamperTests : IDisposable
{
    private readonly TemporaryDirectory data = new();
    private readonly FakeTimeStampAuthority authority = new();

    public void Dispose() => data.Dispose();

    [Fact]
    public async Task PublishAsync_WithAuthority_StampsSha256OfTheServedNote()
    {
        await using var log = await OpenAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());

        var result = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        var stored = await log.Store.GetLatestCheckpointAsync();
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(result.Note!)), authority.Digests[^1]);
        Assert.Equal([0x30, .. authority.Digests[^1]], stored!.TimeStampToken);
    }

    [Fact]
    public async Task PublishAsync_AfterStamping_RecordsNoEventAndSignsNothingNew()
    {
        await using var log = await OpenAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());
        await log.Publisher.PublishAsync();
        var size = await log.Store.GetSizeAsync();
        var asked = authority.Digests.Count;

        var again = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Unchanged, again.Outcome);
        Assert.Equal(size, await log.Store.GetSizeAsync());
        Assert.Equal(asked, authority.Digests.Count);
    }

    [Fact]
    public async Task PublishAsync_AuthorityRefuses_PublishesWithoutTokenAndRetriesTheLatest()
    {
        await using var log = await OpenAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());
        authority.Refusal = "timeNotAvailable";

        var refused = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Published, refused.Outcome);
        Assert.Null((await log.Store.GetLatestCheckpointAsync())!.TimeStampToken);
        Assert.Equal(HealthStatus.Degraded, (await HealthAsync(log)).Status);

        authority.Refusal = null;
        var retried = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Unchanged, retried.Outcome);
        Assert.NotNull((await log.Store.GetLatestCheckpointAsync())!.TimeStampToken);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(log)).Status);
    }

    [Fact]
    public async Task PublishAsync_RefusedThenGrown_NextCheckpointCarriesTheToken()
    {
        await using var log = await OpenAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());
        authority.Refusal = "timeNotAvailable";
        await log.Publisher.PublishAsync();
        var unstamped = (await log.Store.GetLatestCheckpointAsync())!.TreeSize;

        authority.Refusal = null;
        await log.Trail.RecordAsync(AuditTestLog.Event());
        var next = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Published, next.Outcome);
        Assert.NotNull((await log.Store.GetLatestCheckpointAsync())!.TimeStampToken);
        // The superseded checkpoint stays without one: a later token over it would carry a later time than its successor's.
        Assert.Null((await log.Store.GetCheckpointAsync(unstamped))!.TimeStampToken);
    }

    [Fact]
    public async Task PublishAsync_NoAuthorityHosted_PublishesWithoutTokenAndStaysHealthy()
    {
        await using var log = await AuditTestLog.OpenAsync(data.Path);
        await log.Trail.RecordAsync(AuditTestLog.Event());

        var result = await log.Publisher.PublishAsync();

        Assert.Equal(PublishOutcome.Published, result.Outcome);
        Assert.Null((await log.Store.GetLatestCheckpointAsync())!.TimeStampToken);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(log)).Status);
    }

    [Fact]
    public async Task OpenAsync_NoAuthorityHosted_SaysSoOnceInTheLog()
    {
        var captured = new CapturedLog();
        await using var log = await AuditTestLog.OpenAsync(data.Path, services: services => services.AddSingleton<ILoggerProvider>(captured));
        await log.Trail.RecordAsync(AuditTestLog.Event());
        await log.Publisher.PublishAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());
        await log.Publisher.PublishAsync();

        Assert.Single(captured.EventIds, id => id == 3024);
    }

    [Fact]
    public async Task PublishAsync_RefusedTwice_WarnsOnceForTheOutage()
    {
        var captured = new CapturedLog();
        await using var log = await AuditTestLog.OpenAsync(data.Path, services: services =>
        {
            services.AddSingleton<ITimeStampAuthority>(authority);
            services.AddSingleton<ILoggerProvider>(captured);
        });
        authority.Refusal = "timeNotAvailable";
        await log.Trail.RecordAsync(AuditTestLog.Event());
        await log.Publisher.PublishAsync();
        await log.Trail.RecordAsync(AuditTestLog.Event());
        await log.Publisher.PublishAsync();
        authority.Refusal = null;
        await log.Publisher.PublishAsync();

        Assert.Single(captured.EventIds, id => id == 3025);
        Assert.NotNull((await log.Store.GetLatestCheckpointAsync())!.TimeStampToken);
    }

    [Fact]
    public async Task OpenAsync_Restart_KeepsTheTokens()
    {
        byte[]? token;
        await using (var log = await OpenAsync())
        {
            await log.Trail.RecordAsync(AuditTestLog.Event());
            await log.Publisher.PublishAsync();
            token = (await log.Store.GetLatestCheckpointAsync())!.TimeStampToken;
        }

        await using var restarted = await OpenAsync();
        Assert.NotNull(token);
        Assert.Equal(token, (await restarted.Store.GetLatestCheckpointAsync())!.TimeStampToken);
    }

    private Task<AuditTestLog> OpenAsync() =>
        AuditTestLog.OpenAsync(data.Path, services: services => services.AddSingleton<ITimeStampAuthority>(authority));

    private static Task<HealthCheckResult> HealthAsync(AuditTestLog log) =>
        new TimeStampHealthCheck(log.Stamper).CheckHealthAsync(new HealthCheckContext());
}

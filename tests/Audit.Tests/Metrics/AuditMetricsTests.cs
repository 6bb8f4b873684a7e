using Audit.Metrics;
using Audit.Tests.Storage;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TestSupport;

namespace Audit.Tests.Metrics;

/// <summary>The audit instruments record what the real log (SQLite) appends and publishes.</summary>
public sealed class AuditMetricsTests : IDisposable
{
    private readonly TemporaryDirectory data = new();

    [Fact]
    public async Task AppendAndPublish_RecordAppendDurationLogSizeAndCheckpoint()
    {
        await using var log = await AuditTestLog.OpenAsync(data.Path);
        using var appends = new MetricCollector<double>(log.Meters, AuditMetrics.MeterName, "securityplatform.audit.append.duration");
        using var size = new MetricCollector<long>(log.Meters, AuditMetrics.MeterName, "securityplatform.audit.log.size");
        using var checkpointSize = new MetricCollector<long>(log.Meters, AuditMetrics.MeterName, "securityplatform.audit.checkpoint.size");
        using var checkpointAge = new MetricCollector<double>(log.Meters, AuditMetrics.MeterName, "securityplatform.audit.checkpoint.age");

        for (var i = 0; i < 3; i++)
        {
            await log.Trail.RecordAsync(AuditTestLog.Event(target: $"m{i}"));
        }

        var stored = await log.Store.GetSizeAsync();
        Assert.Equal(3, appends.GetMeasurementSnapshot().Count);
        Assert.All(appends.GetMeasurementSnapshot(), m => Assert.InRange(m.Value, 0, 60));
        size.RecordObservableInstruments();
        Assert.Equal(stored, size.LastMeasurement!.Value);

        await log.Publisher.PublishAsync();
        checkpointSize.RecordObservableInstruments();
        checkpointAge.RecordObservableInstruments();
        Assert.Equal(stored, checkpointSize.LastMeasurement!.Value);
        Assert.InRange(checkpointAge.LastMeasurement!.Value, 0, 60);
    }

    [Fact]
    public async Task Restart_ReportsTheStoredCheckpointBeforeAnyAppend()
    {
        long published;
        await using (var first = await AuditTestLog.OpenAsync(data.Path))
        {
            await first.Trail.RecordAsync(AuditTestLog.Event(target: "before restart"));
            await first.Publisher.PublishAsync();
            published = await first.Store.GetSizeAsync();
        }

        await using var log = await AuditTestLog.OpenAsync(data.Path);
        using var checkpointSize = new MetricCollector<long>(log.Meters, AuditMetrics.MeterName, "securityplatform.audit.checkpoint.size");
        checkpointSize.RecordObservableInstruments();
        Assert.Equal(published, checkpointSize.LastMeasurement!.Value);
    }

    public void Dispose() => data.Dispose();
}

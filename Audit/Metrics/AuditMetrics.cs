using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Audit.Metrics;

/// <summary>
/// The audit trail's instruments, meter <c>SecurityPlatform.Audit</c>: how long an append waits
/// for its commit, the log's size, and the latest signed checkpoint's size and age. The gauges
/// read what the sequencer committed and the publisher signed or found stored, as this node last
/// saw it (the publisher reads the stored size on its fixed interval, so a node that does not
/// sequence still follows the log).
/// </summary>
public sealed class AuditMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "SecurityPlatform.Audit";

    // From a sub-millisecond SQLite commit to a slow PostgreSQL batch.
    private static readonly double[] AppendBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    private readonly Histogram<double> appendDuration;
    private readonly TimeProvider time;
    private long logSize = -1;
    private long checkpointSize = -1;
    private long checkpointTicks;

    /// <summary>Creates the instruments on the host's meter factory.</summary>
    public AuditMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.time = time;
        var meter = meters.Create(MeterName);
        appendDuration = meter.CreateHistogram("securityplatform.audit.append.duration", "s",
            "Time from queueing an audit event to its durable commit in the log.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AppendBuckets });
        meter.CreateObservableGauge("securityplatform.audit.log.size", ObserveLogSize, "{entry}",
            "Entries in the audit log.");
        meter.CreateObservableGauge("securityplatform.audit.checkpoint.size", ObserveCheckpointSize, "{entry}",
            "Tree size of the latest signed checkpoint.");
        meter.CreateObservableGauge("securityplatform.audit.checkpoint.age", ObserveCheckpointAge, "s",
            "Seconds since the latest signed checkpoint was signed.");
    }

    /// <summary>Records a committed batch: the log's size now, and each append's wait since <paramref name="queuedAt"/> (Stopwatch timestamps).</summary>
    internal void Committed(long size, ReadOnlySpan<long> queuedAt)
    {
        LogSize(size);
        var now = Stopwatch.GetTimestamp();
        foreach (var start in queuedAt)
        {
            appendDuration.Record(Stopwatch.GetElapsedTime(start, now).TotalSeconds);
        }
    }

    /// <summary>Remembers the log's size, read from storage or committed here; an older reading arriving late never lowers it (the log only grows).</summary>
    internal void LogSize(long size)
    {
        var seen = Interlocked.Read(ref logSize);
        while (size > seen && Interlocked.CompareExchange(ref logSize, size, seen) is var before && before != seen)
        {
            seen = before;
        }
    }

    /// <summary>Remembers the latest signed checkpoint.</summary>
    internal void Checkpoint(long treeSize, DateTimeOffset signedAt)
    {
        Interlocked.Exchange(ref checkpointTicks, signedAt.UtcTicks);
        Interlocked.Exchange(ref checkpointSize, treeSize);
    }

    private IEnumerable<Measurement<long>> ObserveLogSize() =>
        Interlocked.Read(ref logSize) is var size and >= 0 ? [new(size)] : [];

    private IEnumerable<Measurement<long>> ObserveCheckpointSize() =>
        Interlocked.Read(ref checkpointSize) is var size and >= 0 ? [new(size)] : [];

    private IEnumerable<Measurement<double>> ObserveCheckpointAge()
    {
        var ticks = Interlocked.Read(ref checkpointTicks);
        return ticks == 0 ? [] : [new((time.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond)];
    }
}

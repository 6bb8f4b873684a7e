using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pki.Tsa.Clock;

/// <summary>
/// Decides whether the TSA's clock can be trusted (RFC 3628 §7.3.2): the system clock is
/// compared with the configured sources; when the median offset exceeds the accuracy stated in
/// tokens, or no source has answered for too long, the TSA refuses with timeNotAvailable and
/// reports not ready, until a comparison succeeds again.
/// </summary>
public sealed partial class ClockMonitor(
    IReadOnlyList<ITimeSource> sources, IOptions<TsaOptions> options, TimeProvider time, ILogger<ClockMonitor> logger)
{
    private readonly ITimeSource[] sources = [.. sources];
    private volatile ClockState? last;

    /// <summary>The state now: a stale last answer becomes unavailable by itself, without a check.</summary>
    public ClockState Current
    {
        get
        {
            if (sources.Length == 0)
            {
                return new ClockState(true, null, null, "no time source configured: the system clock is trusted as it is");
            }

            var state = last;
            if (state?.CheckedAt is not { } checkedAt)
            {
                return state ?? new ClockState(false, null, null, "the clock has not been compared with a time source yet");
            }

            var staleness = TimeSpan.FromSeconds(options.Value.Clock.MaxStalenessSeconds);
            return time.GetUtcNow() - checkedAt > staleness
                ? state with { Available = false, Reason = $"no time source has answered for more than {staleness.TotalSeconds:0} s" }
                : state;
        }
    }

    /// <summary>Asks every source once and updates <see cref="Current"/>.</summary>
    public async Task<ClockState> CheckAsync(CancellationToken cancellationToken)
    {
        if (sources.Length == 0)
        {
            return Current;
        }

        var answers = await Task.WhenAll(sources.Select(s => s.MeasureOffsetAsync(cancellationToken)));
        var offsets = answers.Where(a => a is not null).Select(a => a!.Value).Order().ToArray();
        var previous = last;
        if (offsets.Length == 0)
        {
            // Keep the last good comparison: the clock stays trusted until it is too old.
            last = previous ?? new ClockState(false, null, null, "no time source answered");
            LogNoAnswer(logger, sources.Length);
            return Current;
        }

        var offset = offsets[offsets.Length / 2];
        var accuracy = TimeSpan.FromMilliseconds(options.Value.AccuracyMilliseconds);
        var within = offset.Duration() <= accuracy;
        last = new ClockState(within, offset, time.GetUtcNow(), within
            ? $"offset {offset.TotalMilliseconds:0.0} ms within ±{accuracy.TotalMilliseconds:0} ms"
            : $"offset {offset.TotalMilliseconds:0.0} ms exceeds the stated accuracy of ±{accuracy.TotalMilliseconds:0} ms");
        if (previous?.Available != within)
        {
            LogChanged(logger, within, offset.TotalMilliseconds);
        }

        return Current;
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning, Message = "Clock trusted: {Trusted} (offset {OffsetMilliseconds} ms)")]
    private static partial void LogChanged(ILogger logger, bool trusted, double offsetMilliseconds);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "None of the {Count} time sources answered")]
    private static partial void LogNoAnswer(ILogger logger, int count);
}

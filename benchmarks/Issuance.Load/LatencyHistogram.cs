using System.Diagnostics;

namespace Issuance.Load;

/// <summary>
/// Latencies of one worker, as raw stopwatch ticks. The run's request cap bounds the memory; a
/// sort at the end gives exact percentiles, which a bucketed histogram would only approximate.
/// </summary>
internal sealed class LatencyHistogram
{
    private readonly List<long> ticks = new(1024);

    public int Count => ticks.Count;

    public void Add(long elapsedTicks) => ticks.Add(elapsedTicks);

    public static (TimeSpan P50, TimeSpan P99, TimeSpan Max) Percentiles(IEnumerable<LatencyHistogram> histograms)
    {
        var all = histograms.SelectMany(h => h.ticks).ToArray();
        if (all.Length == 0)
        {
            return (TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        Array.Sort(all);
        return (At(all, 0.50), At(all, 0.99), ToTime(all[^1]));
    }

    private static TimeSpan At(long[] sorted, double quantile) =>
        ToTime(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)]);

    private static TimeSpan ToTime(long ticks) => TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
}

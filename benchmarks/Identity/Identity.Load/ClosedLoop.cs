using System.Diagnostics;
using Issuance.Load;

namespace Identity.Load;

/// <summary>
/// Closed-loop load over a fixed set of keep-alive connections: every worker sends its next
/// request as soon as the previous one answers. Requests that start in the warm-up are not
/// measured, and none starts after the window closes. The server's CPU is read at the start and
/// the end of the window, so it covers the same time as the count.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="send"/> on every client for <paramref name="warmup"/> plus <paramref name="duration"/>.</summary>
    /// <param name="clients">One keep-alive connection each, already opened.</param>
    /// <param name="send">One request; null when it succeeded, else what went wrong.</param>
    /// <param name="warmup">Time before the measurement starts.</param>
    /// <param name="duration">Measured time.</param>
    /// <param name="serverCpu">CPU the server processes have used so far.</param>
    public static async Task<PhaseResult> RunAsync(
        IReadOnlyList<HttpClient> clients, Func<HttpClient, Task<string?>> send, TimeSpan warmup, TimeSpan duration, Func<TimeSpan> serverCpu)
    {
        var begin = Stopwatch.GetTimestamp();
        var measureStart = begin + ToTicks(warmup);
        var measureEnd = measureStart + ToTicks(duration);
        var histograms = clients.Select(_ => new LatencyHistogram()).ToArray();
        var counts = new (long Ok, long Failed, long LastEnd, string? Failure)[clients.Count];
        TimeSpan serverAtStart = TimeSpan.Zero, clientAtStart = TimeSpan.Zero;
        var self = Environment.ProcessId;
        using var atStart = new Timer(_ => (serverAtStart, clientAtStart) = (serverCpu(), ProcessCpu.Of(self)), null, warmup, Timeout.InfiniteTimeSpan);
        var workers = clients.Select((client, i) => Task.Run(async () =>
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= measureEnd)
                {
                    return;
                }

                var failure = await send(client);
                var end = Stopwatch.GetTimestamp();
                if (now < measureStart || end > measureEnd)
                {
                    continue;
                }

                ref var count = ref counts[i];
                count.LastEnd = end;
                if (failure is null)
                {
                    count.Ok++;
                    histograms[i].Add(end - now);
                }
                else
                {
                    count.Failed++;
                    count.Failure ??= failure;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var server = serverCpu() - serverAtStart;
        var clientUsed = ProcessCpu.Of(self) - clientAtStart;
        var windowEnd = Math.Min(measureEnd, counts.Max(c => c.LastEnd));
        var window = TimeSpan.FromSeconds((double)Math.Max(1, windowEnd - measureStart) / Stopwatch.Frequency);
        var (p50, p99, max) = LatencyHistogram.Percentiles(histograms);
        return new PhaseResult(
            counts.Sum(c => c.Ok), counts.Sum(c => c.Failed), window, p50, p99, max, server, clientUsed,
            counts.Select(c => c.Failure).FirstOrDefault(f => f is not null));
    }

    private static long ToTicks(TimeSpan time) => (long)(time.TotalSeconds * Stopwatch.Frequency);
}

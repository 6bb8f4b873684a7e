using Issuance.Load;
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Acme.Load;

/// <summary>
/// Closed-loop load: every worker starts its next order as soon as its previous one ends.
/// Orders that start during the warm-up are not measured; none starts after the window closes
/// or once <see cref="AcmeLoadOptions.Count"/> have started in it.
/// </summary>
internal sealed class OrderLoadRunner(AcmeLoadOptions options, AcmeTransport transport, OrderFlow flow, IReadOnlyList<AcmeAccount> accounts, CsrPool csrs)
{
    private readonly ConcurrentDictionary<string, long> failures = new(StringComparer.Ordinal);
    private long started;
    private long completed;
    private long failed;
    private long lastCompletion;
    private long nextAccount = -1;
    private long inFlight;
    private string? firstFailure;

    public async Task<LoadReport> RunAsync()
    {
        var begin = Stopwatch.GetTimestamp();
        var measureStart = begin + LoadClock.ToTicks(options.Warmup);
        var measureEnd = measureStart + LoadClock.ToTicks(options.Duration);
        var histograms = Enumerable.Range(0, options.Concurrency).Select(_ => new LatencyHistogram()).ToArray();
        // Orders still open when the window closes: a server that stalls shows here, not as a mere low rate.
        var unfinished = Task.Delay(TimeSpan.FromSeconds((double)(measureEnd - begin) / Stopwatch.Frequency)).ContinueWith(_ => Interlocked.Read(ref inFlight));
        await Task.WhenAll(histograms.Select(h => Task.Run(() => WorkAsync(h, measureStart, measureEnd))));

        var windowEnd = Math.Min(measureEnd, Interlocked.Read(ref lastCompletion));
        var window = (double)Math.Max(1, windowEnd - measureStart) / Stopwatch.Frequency;
        var (p50, p99, max) = LatencyHistogram.Percentiles(histograms);
        return new LoadReport(options.Directory.ToString(), options.Concurrency, accounts.Count, completed, failed, window, completed / window,
            p50.TotalMilliseconds, p99.TotalMilliseconds, max.TotalMilliseconds, unfinished.IsCompleted ? await unfinished : 0, transport.BadNonces,
            failures, firstFailure);
    }

    private async Task WorkAsync(LatencyHistogram histogram, long measureStart, long measureEnd)
    {
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= measureEnd)
            {
                return;
            }

            var measured = now >= measureStart;
            if (measured && Interlocked.Increment(ref started) > options.Count)
            {
                return;
            }

            var account = accounts[(int)(Interlocked.Increment(ref nextAccount) % accounts.Count)];
            (string Kind, string Detail)? failure = null;
            Interlocked.Increment(ref inFlight);
            try
            {
                await flow.RunAsync(account, csrs.Next());
            }
            catch (AcmeFailure e)
            {
                failure = (e.Kind, e.Message);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
            {
                failure = (e.GetType().Name, e.Message);
            }

            Interlocked.Decrement(ref inFlight);
            var end = Stopwatch.GetTimestamp();
            // A count-bounded run measures every order it started; a timed one only those ending in the window.
            if (!measured || (end > measureEnd && options.Count == int.MaxValue))
            {
                continue;
            }

            LoadClock.InterlockedMax(ref lastCompletion, end);
            if (failure is null)
            {
                Interlocked.Increment(ref completed);
                histogram.Add(end - now);
            }
            else
            {
                Interlocked.Increment(ref failed);
                failures.AddOrUpdate(failure.Value.Kind, 1, (_, n) => n + 1);
                Interlocked.CompareExchange(ref firstFailure, failure.Value.Detail, null);
            }
        }
    }
}

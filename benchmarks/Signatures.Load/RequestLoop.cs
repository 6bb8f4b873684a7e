using Issuance.Load;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Signatures.Load;

/// <summary>
/// One measured window of POSTs: every connection sends the next prepared body as soon as its
/// previous answer came, for the warm-up and then for the measured duration; only 200 answers of
/// the measured window count, and any other answer stops the run (a benchmark of refusals measures nothing).
/// </summary>
internal static class RequestLoop
{
    public sealed record Result(double PerSecond, long Count, TimeSpan P50, TimeSpan P99, TimeSpan ServerCpuEach);

    public static async Task<Result> RunAsync(IReadOnlyList<HttpClient> clients, string path, IReadOnlyList<byte[]> bodies, TimeSpan warmup, TimeSpan duration,
        Func<TimeSpan> serverCpu, Action<byte[]>? check = null)
    {
        var next = -1;
        var measuredFrom = Stopwatch.GetTimestamp() + LoadClock.ToTicks(warmup);
        var until = measuredFrom + LoadClock.ToTicks(duration);
        var histograms = clients.Select(_ => new LatencyHistogram()).ToArray();
        long count = 0;
        var cpuAtStart = TimeSpan.Zero;
        var cpuRead = 0;
        await Task.WhenAll(clients.Select(async (client, index) =>
        {
            while (true)
            {
                var sent = Stopwatch.GetTimestamp();
                if (sent >= until)
                {
                    return;
                }

                if (sent >= measuredFrom && Interlocked.Exchange(ref cpuRead, 1) == 0)
                {
                    cpuAtStart = serverCpu();
                }

                var body = bodies[(int)((uint)Interlocked.Increment(ref next) % bodies.Count)];
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(path, content);
                var answer = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer)}");
                }

                var done = Stopwatch.GetTimestamp();
                if (sent >= measuredFrom && done <= until)
                {
                    Interlocked.Increment(ref count);
                    histograms[index].Add(done - sent);
                    check?.Invoke(answer);
                }
            }
        }));
        var cpu = serverCpu() - cpuAtStart;
        var (p50, p99, _) = LatencyHistogram.Percentiles(histograms);
        return new Result(count / duration.TotalSeconds, count, p50, p99, count == 0 ? TimeSpan.Zero : cpu / count);
    }
}

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Pki.Tsa.Authority;
using Pki.Tsa.Protocol;
using Platform.Hosting;
using Server.Hosting;

namespace Tsa.Benchmarks;

/// <summary>
/// Where a token's time goes without HTTP: <c>TimeStamper.Stamp</c> on the composed platform
/// (real TSA key and certificates) against the same key's bare signature, on one thread and
/// on every core.
/// </summary>
internal static class InProcessBenchmark
{
    public static async Task RunAsync(BenchmarkOptions options)
    {
        var work = Directory.CreateTempSubdirectory("tsa-bench-");
        try
        {
            await using var app = PlatformHost.Build([
                "--Platform:DataDirectory", Path.Combine(work.FullName, "data"), "--urls", "http://127.0.0.1:0",
                "--Serilog:MinimumLevel:Default", "Warning", "--Tsa:KeyAlgorithm", options.KeyAlgorithm,
            ]);
            foreach (var task in app.Services.GetServices<IStartupTask>().OrderBy(t => t.Order))
            {
                await task.RunAsync(CancellationToken.None);
            }

            var stamper = app.Services.GetRequiredService<TimeStamper>();
            var key = app.Services.GetRequiredService<TsaCredentials>().Current.Key;
            var queries = Enumerable.Range(0, 4096).Select(_ => TimestampQuery.Create()).ToArray();
            var withoutCertificates = queries.Select(q => System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest
                .CreateFromHash(q.Hash, System.Security.Cryptography.HashAlgorithmName.SHA256, nonce: q.Request.GetNonce(), requestSignerCertificates: false)
                .Encode()).ToArray();
            var bodies = queries.Select(q => q.Body).ToArray();
            var first = stamper.Stamp(bodies[0]);
            if (!first.Granted || !queries[0].Verify(first.Response, out var problem))
            {
                throw new InvalidOperationException("The stamper does not grant a valid token: " + first.Reason);
            }

            var message = new byte[200];
            var seconds = Math.Max(3, options.ReferenceSeconds / 2);
            Console.WriteLine($"in-process, {options.KeyAlgorithm}, {seconds}s per measurement, token {first.Response.Length} bytes with certificates");
            // Warm-up so every path is at its final JIT tier.
            Measure(1, TimeSpan.FromSeconds(seconds), i => stamper.Stamp(bodies[i % bodies.Length]));
            var sign = Measure(1, TimeSpan.FromSeconds(seconds), _ => key.Sign(message));
            var stamp = Measure(1, TimeSpan.FromSeconds(seconds), i => stamper.Stamp(bodies[i % bodies.Length]));
            var bare = Measure(1, TimeSpan.FromSeconds(seconds), i => stamper.Stamp(withoutCertificates[i % withoutCertificates.Length]));
            var cores = Environment.ProcessorCount;
            var signAll = Measure(cores, TimeSpan.FromSeconds(seconds), _ => key.Sign(message));
            var stampAll = Measure(cores, TimeSpan.FromSeconds(seconds), i => stamper.Stamp(bodies[i % bodies.Length]));
            Console.WriteLine($"1 thread:  sign {sign.PerSecond,8:F0}/s {sign.Microseconds,6:F1} CPU-µs | Stamp certReq {stamp.PerSecond,8:F0}/s {stamp.Microseconds,6:F1} CPU-µs " +
                $"| Stamp no certReq {bare.PerSecond,8:F0}/s {bare.Microseconds,6:F1} CPU-µs");
            Console.WriteLine($"{cores} threads: sign {signAll.PerSecond,8:F0}/s {signAll.Microseconds,6:F1} CPU-µs | Stamp certReq {stampAll.PerSecond,8:F0}/s {stampAll.Microseconds,6:F1} CPU-µs = {stampAll.PerSecond / signAll.PerSecond:P1} of the signing rate");
            Console.WriteLine($"Stamp beyond the signature: {stamp.Microseconds - sign.Microseconds:F1} CPU-µs per token with certificates, " +
                $"{bare.Microseconds - sign.Microseconds:F1} µs without; GC allocations {stamp.AllocatedBytes:F0} bytes per token");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Rate in wall-clock time; Microseconds is process CPU time per operation, which other load on the machine disturbs less.</summary>
    private sealed record Rate(double PerSecond, double Microseconds, double AllocatedBytes);

    private static Rate Measure(int threads, TimeSpan duration, Action<int> operation)
    {
        var counts = new long[threads];
        var stop = 0;
        using var start = new ManualResetEventSlim();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.Wait();
            var i = t * 1_000;
            long n = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                operation(i++);
                n++;
            }

            counts[t] = n;
        }) { IsBackground = true }).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        start.Set();
        Thread.Sleep(duration);
        Volatile.Write(ref stop, 1);
        foreach (var worker in workers)
        {
            worker.Join();
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var total = counts.Sum();
        var cpuMicroseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds;
        return new Rate(total / elapsed, cpuMicroseconds / total, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)total);
    }
}

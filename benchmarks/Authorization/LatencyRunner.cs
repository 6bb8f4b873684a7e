using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Pmi.Authorization.Authorization;

namespace Pmi.Authorization.Benchmarks;

/// <summary>
/// Decisions per second and per-decision latency percentiles, for our engine and for cedar-wasm on the
/// same workloads in the same run. Every decision is timed on its own, so p99 includes the slow ones.
/// </summary>
internal static class LatencyRunner
{
    public static int Run(IReadOnlyList<Workload> workloads, double seconds)
    {
        var node = NodeFolder();
        Console.WriteLine("| workload | engine | decisions/s | p50 µs | p99 µs | same decisions as cedar-wasm |");
        Console.WriteLine("|---|---|---:|---:|---:|---|");
        foreach (var workload in workloads)
        {
            var prepared = new PreparedWorkload(workload);
            var reference = node is null ? null : RunNode(node, workload, seconds);
            var expected = reference?.RootElement.GetProperty("decisions").EnumerateArray().Select(d => d.GetString()).ToList();
            string Agreement(Func<int, Decision> decide)
            {
                if (expected is null)
                {
                    return "n/a";
                }

                var differ = Enumerable.Range(0, prepared.Count).Count(i => (decide(i) == Decision.Allow ? "allow" : "deny") != expected[i]);
                var allows = expected.Count(d => d == "allow");
                return differ == 0 ? $"yes ({allows} allow / {expected.Count - allows} deny)" : $"NO: {differ} of {prepared.Count} differ";
            }

            Row(workload.Name, "ours, entities preloaded", Measure(prepared.Count, i => prepared.Decide(i), seconds), Agreement(prepared.Decide));
            Row(workload.Name, "ours, request JSON + entity slice", Measure(prepared.Count, i => prepared.DecideFromJson(i), seconds), Agreement(prepared.DecideFromJson));
            if (reference is not null)
            {
                var r = reference.RootElement;
                Row(workload.Name, $"cedar-wasm {r.GetProperty("version").GetString()} statefulIsAuthorized",
                    (r.GetProperty("decisionsPerSecond").GetDouble(), r.GetProperty("p50Microseconds").GetDouble(), r.GetProperty("p99Microseconds").GetDouble()), "—");
            }
        }

        if (node is null)
        {
            Console.WriteLine("\nnode/npm not found: cedar-wasm was not measured.");
        }

        return 0;
    }

    private static (double PerSecond, double P50, double P99) Measure(int count, Func<int, Decision> decide, double seconds)
    {
        var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        var warm = 0;
        for (var i = 0; Stopwatch.GetTimestamp() < warmUntil; i = (i + 1) % count, warm++)
        {
            decide(i);
        }

        // Sized up front: growing the list while timing would put its copying into the percentiles.
        var latencies = new List<long>((int)Math.Min(int.MaxValue / 2, warm * seconds * 2 + 1024));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        for (long i = 0, now = start; now < end; i = (i + 1) % count)
        {
            var before = now;
            decide((int)i);
            now = Stopwatch.GetTimestamp();
            latencies.Add(now - before);
        }

        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        latencies.Sort();
        double At(double q) => latencies[Math.Min(latencies.Count - 1, (int)(q * latencies.Count))] * 1e6 / Stopwatch.Frequency;
        return (latencies.Count / elapsed, At(0.5), At(0.99));
    }

    private static void Row(string workload, string engine, (double PerSecond, double P50, double P99) m, string agreement) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {workload} | {engine} | {m.PerSecond:N0} | {m.P50:F2} | {m.P99:F2} | {agreement} |"));

    /// <summary>The Node program's folder with cedar-wasm installed, or null when node or npm is missing.</summary>
    private static string? NodeFolder()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "node");
        if (Which("node") is null || Which("npm") is not { } npm)
        {
            return null;
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@cedar-policy", "cedar-wasm")))
        {
            Execute(npm, ["install", "--no-audit", "--no-fund"], folder);
        }

        return folder;
    }

    private static JsonDocument RunNode(string folder, Workload workload, double seconds)
    {
        var input = Path.Combine(Path.GetTempPath(), $"authz-bench-{Guid.NewGuid():n}.json");
        File.WriteAllText(input, workload.ToJson().ToJsonString());
        try
        {
            return JsonDocument.Parse(Execute(Which("node")!, [Path.Combine(folder, "cedar-wasm-bench.mjs"), input, seconds.ToString(CultureInfo.InvariantCulture)], folder));
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static string Execute(string file, string[] arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error.Result}");
        }

        return output.Result;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

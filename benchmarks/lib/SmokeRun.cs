using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Benchmarks.Smoke;

/// <summary>
/// <c>--smoke</c>: every benchmark of an assembly once, with BenchmarkDotNet's dry job (one
/// cold invocation, no warm-up, no pilot), in this process, so that a benchmark that throws or
/// no longer sets up fails in seconds, with a non-zero exit code. It measures nothing.
/// </summary>
/// <remarks>
/// Linked into each BenchmarkDotNet project (benchmarks/lib). BenchmarkDotNet's own
/// <c>--job dry</c> is not enough: it adds the dry job to the jobs that classes declare with
/// <c>[SimpleJob]</c> rather than replacing them, and its process exits 0 even when a
/// benchmark threw. Here only the dry job runs, and the exit code says whether all succeeded.
/// </remarks>
internal static class SmokeRun
{
    /// <summary>The argument that selects the smoke run.</summary>
    public const string Argument = "--smoke";

    private const string JobId = "Smoke";

    /// <summary>
    /// True during a smoke run. The benchmarks run in this process then, so one whose set-up is
    /// long for its measurement's sake (a log of a million entries) can read it and set up small.
    /// </summary>
    public static bool Active { get; private set; }

    /// <summary>Runs every benchmark of <paramref name="assembly"/> once; 0 when all ran, 1 otherwise.</summary>
    public static int Run(Assembly assembly)
    {
        Active = true;
        var artifacts = Directory.CreateTempSubdirectory("benchmark-smoke-");
        try
        {
            var config = ManualConfig.CreateEmpty()
                .AddJob(Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId(JobId))
                // Class attributes ([SimpleJob]) add their own jobs; only the dry one runs.
                .AddFilter(new SimpleFilter(benchmark => benchmark.Job.Id == JobId))
                .AddLogger(ConsoleLogger.Default)
                .AddColumnProvider(DefaultColumnProviders.Instance)
                .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
                .WithArtifactsPath(artifacts.FullName)
                .WithOptions(ConfigOptions.DisableLogFile);
            var summaries = BenchmarkRunner.Run(assembly, config);
            return Verdict(summaries);
        }
        finally
        {
            artifacts.Delete(recursive: true);
        }
    }

    private static int Verdict(Summary[] summaries)
    {
        var cases = 0;
        var failures = new List<string>();
        foreach (var summary in summaries)
        {
            cases += summary.BenchmarksCases.Length;
            if (summary.HasCriticalValidationErrors)
            {
                failures.Add($"{summary.Title}: {string.Join("; ", summary.ValidationErrors.Select(e => e.Message))}");
            }

            foreach (var benchmark in summary.BenchmarksCases)
            {
                var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase == benchmark);
                if (report is null || !report.Success || report.ExecuteResults.Any(r => !r.IsSuccess))
                {
                    failures.Add(benchmark.DisplayInfo);
                }
            }
        }

        if (cases == 0)
        {
            failures.Add("no benchmark was found");
        }

        foreach (var failure in failures)
        {
            Console.Error.WriteLine($"smoke: FAILED {failure}");
        }

        Console.WriteLine($"smoke: {cases - failures.Count} of {cases} benchmarks ran");
        return failures.Count == 0 ? 0 : 1;
    }
}

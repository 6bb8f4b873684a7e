using Audit.Storage;
using BenchmarkDotNet.Attributes;
using Benchmarks.Smoke;

namespace Audit.Benchmarks;

/// <summary>
/// The officers' search (one page of 50, newest first, as the console asks for it) on a durable
/// log of 1,000,000 entries shaped like a city's trail, for each kind of filter the console
/// offers, against the reference of fetching one entry by its index in the same run.
/// </summary>
/// <remarks>
/// Filling a million entries through the sequencer takes minutes, so the log is built once into
/// a directory that later runs reuse (<see cref="SearchLog"/>).
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class SearchBenchmarks
{
    private const int PageSize = 50;
    private SearchLog log = null!;

    [GlobalSetup]
    public async Task SetupAsync() => log = await SearchLog.OpenAsync(SmokeRun.Active ? 5_000 : 1_000_000);

    [GlobalCleanup]
    public Task CleanupAsync() => log.DisposeAsync().AsTask();

    [Benchmark(Baseline = true, Description = "one entry by index (reference)")]
    public Task<StoredEntry?> ByIndex() => log.Store.GetEntryAsync(Random.Shared.NextInt64(log.Size));

    [Benchmark(Description = "newest page, no filter")]
    public Task<EventPage> Newest() => Search(new EventQuery());

    [Benchmark(Description = "cursor halfway down the log, no filter")]
    public Task<EventPage> Deep() => Search(new EventQuery { Before = log.Size / 2 });

    [Benchmark(Description = "actor: the busiest (40% of the log)")]
    public Task<EventPage> BusyActor() => Search(new EventQuery { Actor = SearchLog.BusyActor });

    [Benchmark(Description = "actor: one officer (0.06%)")]
    public Task<EventPage> RareActor() => Search(new EventQuery { Actor = SearchLog.Officer(7) });

    [Benchmark(Description = "target: one certificate")]
    public Task<EventPage> Target() => Search(new EventQuery { Target = SearchLog.Target(log.Size / 3) });

    [Benchmark(Description = "action + outcome denied")]
    public Task<EventPage> ActionDenied() => Search(new EventQuery { Action = "pki.certificate.issue", Outcome = "denied" });

    [Benchmark(Description = "module + time range (middle fifth)")]
    public Task<EventPage> ModuleInRange() =>
        Search(new EventQuery { Module = "identity", From = log.MiddleFrom, To = log.MiddleTo });

    [Benchmark(Description = "busiest actor + a module it never writes (no match)")]
    public Task<EventPage> NoMatch() => Search(new EventQuery { Actor = SearchLog.BusyActor, Module = "pki" });

    private Task<EventPage> Search(EventQuery query) => log.Store.SearchAsync(query with { Limit = PageSize });
}

using BenchmarkDotNet.Attributes;
using Pmi.Authorization.Authorization;

namespace Pmi.Authorization.Benchmarks;

/// <summary>One decision per operation, cycling through the workload's requests.</summary>
[MemoryDiagnoser]
public class DecisionBenchmarks
{
    private PreparedWorkload workload = null!;
    private int next;

    [Params("corpus", "egov")]
    public string Workload { get; set; } = "corpus";

    [GlobalSetup]
    public void Setup()
    {
        workload = new PreparedWorkload(Workload == "corpus" ? CorpusWorkload.Load(CorpusWorkload.FindRoot(null)) : EGovernmentWorkload.Generate());
    }

    [Benchmark(Baseline = true, Description = "entities preloaded")]
    public Decision Preloaded()
    {
        var i = next;
        next = i + 1 == workload.Count ? 0 : i + 1;
        return workload.Decide(i);
    }

    [Benchmark(Description = "request JSON + entity slice")]
    public Decision FromJson()
    {
        var i = next;
        next = i + 1 == workload.Count ? 0 : i + 1;
        return workload.DecideFromJson(i);
    }
}

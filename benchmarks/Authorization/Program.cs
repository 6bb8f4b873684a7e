using BenchmarkDotNet.Running;
using Benchmarks.Smoke;
using Pmi.Authorization.Benchmarks;

// `latency [--seconds N] [--corpus DIR]`: our engine and cedar-wasm side by side on the same workloads.
// `--smoke`: every BenchmarkDotNet benchmark once (dry job), failing on the first that throws.
// Anything else goes to BenchmarkDotNet (e.g. `--filter *`).
if (args is [SmokeRun.Argument])
{
    return SmokeRun.Run(typeof(DecisionBenchmarks).Assembly);
}

if (args.FirstOrDefault() == "latency")
{
    var seconds = 5.0;
    string? corpus = null;
    for (var i = 1; i + 1 < args.Length; i += 2)
    {
        if (args[i] == "--seconds")
        {
            seconds = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (args[i] == "--corpus")
        {
            corpus = args[i + 1];
        }
    }

    return LatencyRunner.Run([CorpusWorkload.Load(CorpusWorkload.FindRoot(corpus)), EGovernmentWorkload.Generate()], seconds);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionBenchmarks).Assembly).Run(args);
return 0;

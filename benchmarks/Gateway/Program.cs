using BenchmarkDotNet.Running;
using Benchmarks.Smoke;
using Gateway.Benchmarks;

// `--smoke`: every benchmark once (dry job), failing on the first that throws; what CI runs.
if (args is [SmokeRun.Argument])
{
    return SmokeRun.Run(typeof(DecisionCacheBenchmarks).Assembly);
}

// `load …`: the closed-loop HTTP load that benchmarks/Gateway/run.sh drives with client certificates.
if (args is ["load", ..])
{
    return await ProxyLoad.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(DecisionCacheBenchmarks).Assembly).Run(args);
return 0;

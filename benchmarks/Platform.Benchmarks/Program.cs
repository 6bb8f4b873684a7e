using BenchmarkDotNet.Running;
using Benchmarks.Smoke;
using Platform.Benchmarks;

// `--smoke`: every benchmark once (dry job), failing on the first that throws; what CI runs.
if (args is [SmokeRun.Argument])
{
    return SmokeRun.Run(typeof(BenchmarkConfig).Assembly);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;

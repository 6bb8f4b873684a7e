using BenchmarkDotNet.Running;
using Benchmarks.Smoke;
using Platform.Benchmarks;

// `--smoke`: every benchmark once (dry job), failing on the first that throws; what CI runs.
if (args is [SmokeRun.Argument])
{
    return SmokeRun.Run(typeof(BenchmarkConfig).Assembly);
}

// `signing`: multi-threaded ECDSA P-256 signing, software key against a SoftHSM2 key (docs/benchmarks.md).
if (args is [SigningThroughput.Command, ..])
{
    return await SigningThroughput.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;

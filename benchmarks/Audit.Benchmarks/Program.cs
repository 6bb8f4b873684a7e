using BenchmarkDotNet.Running;
using Benchmarks.Smoke;

// `--smoke`: every benchmark once (dry job), failing on the first that throws; what CI runs.
if (args is [SmokeRun.Argument])
{
    return SmokeRun.Run(typeof(Audit.Benchmarks.AuditLogHost).Assembly);
}

BenchmarkSwitcher.FromAssembly(typeof(Audit.Benchmarks.AuditLogHost).Assembly).Run(args);
return 0;

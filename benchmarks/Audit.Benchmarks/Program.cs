using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Audit.Benchmarks.AuditLogHost).Assembly).Run(args);

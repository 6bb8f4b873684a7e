namespace Server.Tests.Metrics;

/// <summary>
/// Tests that read a host's <c>/metrics</c> run alone, after every other test. A host exports the
/// instruments of every meter of its name in the process (OpenTelemetry listens to meters by
/// name, not by the host's meter factory), so another test's host running beside it would put
/// its own instruments, with their own counts, under the same names. In production one process
/// is one host.
/// </summary>
[CollectionDefinition(nameof(MetricsCollection), DisableParallelization = true)]
public sealed class MetricsCollection;

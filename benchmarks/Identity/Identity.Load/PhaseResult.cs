namespace Identity.Load;

/// <summary>One measured phase: one endpoint of one provider in one round.</summary>
internal sealed record PhaseResult(
    long Succeeded,
    long Failed,
    TimeSpan Window,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Max,
    TimeSpan ServerCpu,
    TimeSpan ClientCpu,
    string? FirstFailure)
{
    public double PerSecond => Succeeded / Window.TotalSeconds;
}

namespace Issuance.Load;

/// <summary>What the measured window produced.</summary>
internal sealed record LoadResult(
    long Issued,
    long Failed,
    TimeSpan Window,
    TimeSpan P50,
    TimeSpan P99,
    TimeSpan Max,
    IReadOnlyDictionary<string, long> FailuresByKind,
    string? FirstFailure)
{
    public double IssuedPerSecond => Issued / Window.TotalSeconds;
}

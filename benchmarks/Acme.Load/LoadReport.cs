namespace Acme.Load;

/// <summary>What the measured window produced; written as JSON with --json.</summary>
internal sealed record LoadReport(
    string Directory,
    int Concurrency,
    int Accounts,
    long Orders,
    long Failed,
    double WindowSeconds,
    double OrdersPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    long UnfinishedAtWindowEnd,
    long BadNonceRetries,
    IReadOnlyDictionary<string, long> FailuresByKind,
    string? FirstFailure);

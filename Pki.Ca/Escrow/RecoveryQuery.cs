namespace Pki.Ca.Escrow;

/// <summary>A page of recoveries.</summary>
internal sealed record RecoveryQuery(
    IReadOnlyCollection<string>? Departments, KeyRecoveryStatus? Status, DateTimeOffset Now, int Limit, (long OpenedAt, string Id)? Before);

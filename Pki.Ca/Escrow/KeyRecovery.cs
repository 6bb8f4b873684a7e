namespace Pki.Ca.Escrow;

/// <summary>
/// The recovery of an escrowed key, as stored: opened by one key-recovery officer
/// (<see cref="OpenedBy"/> is their stable key, which dual control compares), released only by the
/// approval of another, encrypted to <see cref="Recipient"/>. Its status is read at a time
/// (<see cref="StatusAt"/>): a pending recovery past its expiry is expired without anyone writing it.
/// </summary>
internal sealed record KeyRecovery(
    string Id,
    string Serial,
    string Department,
    string Reason,
    byte[] Recipient,
    string RecipientSerial,
    string OpenedBy,
    string OpenedByName,
    DateTimeOffset OpenedAt,
    DateTimeOffset ExpiresAt,
    KeyRecoveryStatus StoredStatus,
    string? ApprovedByName,
    DateTimeOffset? ApprovedAt,
    string? EnvelopeFormat,
    byte[]? Envelope)
{
    public KeyRecoveryStatus StatusAt(DateTimeOffset now) =>
        StoredStatus == KeyRecoveryStatus.Pending && now >= ExpiresAt ? KeyRecoveryStatus.Expired : StoredStatus;
}

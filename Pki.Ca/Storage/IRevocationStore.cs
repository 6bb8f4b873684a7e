using Platform.Auditing;
using Platform.Storage;

namespace Pki.Ca.Storage;

/// <summary>Revocation state and published CRLs. Every write is durable when its task completes.</summary>
public interface IRevocationStore
{
    /// <summary>
    /// Revokes a certificate. A certificate on hold may be revoked for another reason; any other
    /// revoked certificate answers <see cref="RevocationWrite.AlreadyRevoked"/>. Atomic; only when
    /// it revokes is <paramref name="revoked"/> recorded, with the change.
    /// </summary>
    Task<RevocationWrite> RevokeAsync(
        string serialNumber, string reason, DateTimeOffset revokedAt, DateTimeOffset? invalidityDate, AuditEvent revoked, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lifts a hold; <see cref="RevocationWrite.NotOnHold"/> for anything else. Atomic; only when it
    /// lifts one is <paramref name="released"/> recorded, with the change.
    /// </summary>
    Task<RevocationWrite> ReleaseHoldAsync(string serialNumber, AuditEvent released, CancellationToken cancellationToken = default);

    /// <summary>Every certificate of <paramref name="caName"/> that is revoked now (uses an index, not a scan).</summary>
    Task<IReadOnlyList<RevokedEntry>> ListRevokedAsync(string caName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the next CRL number of a CA: strictly greater than every number taken before,
    /// on this node or any other sharing the database, across restarts.
    /// </summary>
    Task<long> NextCrlNumberAsync(string caName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores published CRLs in one transaction (a full CRL and its delta), so that no node
    /// ever reads one without the other.
    /// </summary>
    Task SaveCrlsAsync(IReadOnlyList<StoredCrl> crls, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores CRLs signed elsewhere (those of a CA whose key is offline) as <see cref="SaveCrlsAsync"/>
    /// does, and records <paramref name="imported"/> with them in the same transaction.
    /// </summary>
    Task ImportCrlsAsync(IReadOnlyList<StoredCrl> crls, AuditEvent imported, CancellationToken cancellationToken = default);

    /// <summary>The numbers of the newest full and delta CRL of a CA (0 when there is none), without their bodies.</summary>
    Task<(long Full, long Delta)> LatestCrlNumbersAsync(string caName, CancellationToken cancellationToken = default);

    /// <summary>The newest full (or delta) CRL of a CA, or null.</summary>
    Task<StoredCrl?> LatestCrlAsync(string caName, bool delta, CancellationToken cancellationToken = default);

    /// <summary>
    /// Revocation changes and CRL publications committed after <paramref name="sequence"/>, by this
    /// node or any other sharing the database, oldest first, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<RevocationChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken = default);

    /// <summary>The sequence of the newest committed change, also after it was pruned (0 when there is none).</summary>
    Task<long> LastChangeAsync(CancellationToken cancellationToken = default);

    /// <summary>The sequence of the newest revocation change of <paramref name="caName"/> (0 when there is none).</summary>
    Task<long> LastRevocationChangeAsync(string caName, CancellationToken cancellationToken = default);

    /// <summary>
    /// The certificates of <paramref name="caName"/> whose revocation state changed after change
    /// <paramref name="after"/> and up to <paramref name="through"/> (when null, up to the newest
    /// committed change, which the answer's <c>Through</c> gives), with their state now; not
    /// <c>Complete</c> when part of that range has been pruned from the log.
    /// </summary>
    Task<ChangedRevocations> ChangedRevocationsAsync(string caName, long after, long? through, CancellationToken cancellationToken = default);

    /// <summary>A listener woken when another node commits a change; see <see cref="ChangesAfterAsync"/>.</summary>
    IChangeListener ListenForChanges();
}

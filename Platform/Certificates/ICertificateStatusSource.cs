namespace Platform.Certificates;

/// <summary>
/// The revocation state of platform certificates, answered from memory so that a decision can check
/// every holder it relies on without a round trip. The CA keeps it current on every node as fast as
/// its OCSP answers: its own revocations before they are answered, other nodes' when it takes them in.
/// </summary>
public interface ICertificateStatusSource
{
    /// <summary>
    /// The status now of the certificate with serial number <paramref name="serialNumber"/> (lowercase hex
    /// without leading zeros); <see cref="CertificateHolderStatus.Unknown"/> for one never tracked.
    /// </summary>
    CertificateHolderStatus StatusOf(string serialNumber);

    /// <summary>
    /// Loads the status of these certificates into memory and keeps it current from then on, so that
    /// <see cref="StatusOf"/> answers them; cheap for those tracked already.
    /// </summary>
    Task TrackAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken = default);

    /// <summary>
    /// Raised after the revocation state of tracked certificates changed (revoked, held, released), on
    /// this node or another, with their serial numbers. Handlers must be quick and must not throw.
    /// </summary>
    event Action<IReadOnlyCollection<string>>? StatusChanged;
}

using Platform.Certificates;

namespace Identity.Tests.People;

/// <summary>
/// Certificate statuses as a test sets them (the CA's own source is used end to end in Server.Tests);
/// a serial not set is unknown, as one the CA never issued.
/// </summary>
internal sealed class SettableCertificateStatus : ICertificateStatusSource
{
    private readonly Dictionary<string, CertificateHolderStatus> statuses = new(StringComparer.Ordinal);

    public event Action<IReadOnlyCollection<string>>? StatusChanged;

    public CertificateHolderStatus StatusOf(string serialNumber) => statuses.GetValueOrDefault(serialNumber, CertificateHolderStatus.Unknown);

    public Task TrackAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public void Set(string serialNumber, CertificateHolderStatus status)
    {
        statuses[serialNumber] = status;
        StatusChanged?.Invoke([serialNumber]);
    }
}

using Platform.Certificates;

namespace Pmi.Authorization.Tests.AttributeAuthority;

/// <summary>
/// The CA's holder statuses as a test sets them (the CA's own implementation is tested with the CA, and
/// end to end in Server.Tests); every holder not set is good.
/// </summary>
internal sealed class SettableCertificateStatus : ICertificateStatusSource
{
    private readonly Dictionary<string, CertificateHolderStatus> statuses = new(StringComparer.Ordinal);

    public event Action<IReadOnlyCollection<string>>? StatusChanged;

    public List<string> Tracked { get; } = [];

    public CertificateHolderStatus StatusOf(string serialNumber) =>
        statuses.GetValueOrDefault(serialNumber, CertificateHolderStatus.Good);

    public Task TrackAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken = default)
    {
        Tracked.AddRange(serialNumbers);
        return Task.CompletedTask;
    }

    public void Set(string serialNumber, CertificateHolderStatus status)
    {
        statuses[serialNumber] = status;
        StatusChanged?.Invoke([serialNumber]);
    }
}

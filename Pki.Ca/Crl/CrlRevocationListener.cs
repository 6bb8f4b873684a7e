using Pki.Ca.Revocation;

namespace Pki.Ca.Crl;

/// <summary>Publishes the revoking CA's CRLs anew before a revocation is answered.</summary>
internal sealed class CrlRevocationListener(CrlPublisher publisher) : IRevocationListener
{
    public Task RevocationChangedAsync(string caName, string serialNumber, CancellationToken cancellationToken) =>
        publisher.RefreshAsync(caName, cancellationToken);
}

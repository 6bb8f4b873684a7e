namespace Pki.Ca.Revocation;

/// <summary>Told of every committed change of a certificate's revocation state, before the change is answered.</summary>
public interface IRevocationListener
{
    /// <summary>The certificate <paramref name="serialNumber"/> of <paramref name="caName"/> changed state.</summary>
    Task RevocationChangedAsync(string caName, string serialNumber, CancellationToken cancellationToken);
}

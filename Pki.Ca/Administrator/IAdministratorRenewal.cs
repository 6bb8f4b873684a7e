namespace Pki.Ca.Administrator;

/// <summary>Renews the bootstrap administrator's client certificate.</summary>
public interface IAdministratorRenewal
{
    /// <summary>
    /// Issues a new administrator certificate for a new key through the CA's normal (audited)
    /// issuance, moves the current <c>admin.pem</c>/<c>admin.key</c> aside as
    /// <c>admin-&lt;old serial&gt;.pem</c>/<c>.key</c> and writes the new pair in their place.
    /// No file is ever overwritten. The old certificate stays valid until it expires or is revoked.
    /// </summary>
    Task<AdministratorRenewalResult> RenewAsync(CancellationToken cancellationToken = default);
}

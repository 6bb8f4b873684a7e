using Platform.Certificates;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Pki.Tsa.Authority;

/// <summary>The TSA's signing key for the key inventory, from the setting <see cref="TsaCredentials"/> keeps.</summary>
internal sealed class TsaKeyInventorySource(ModuleSettings settings, IPlatformCertificateIssuer issuer) : IKeyInventorySource
{
    public Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default) =>
        CredentialClaims.FromSettingAsync(settings, TsaCredentials.Setting, "TSA", issuer, cancellationToken);
}

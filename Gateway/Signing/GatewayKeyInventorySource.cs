using Platform.Certificates;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Gateway.Signing;

/// <summary>The gateway's signing key for the key inventory, from the setting <see cref="GatewayCredentials"/> keeps.</summary>
internal sealed class GatewayKeyInventorySource(ModuleSettings settings, IPlatformCertificateIssuer issuer) : IKeyInventorySource
{
    public Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default) =>
        CredentialClaims.FromSettingAsync(settings, GatewayCredentials.Setting, "gateway identity signatures", issuer, cancellationToken);
}

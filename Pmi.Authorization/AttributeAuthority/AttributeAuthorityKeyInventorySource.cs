using Platform.Certificates;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The attribute authority's key for the key inventory, from the setting <see cref="AttributeAuthorityCredentials"/> keeps.</summary>
internal sealed class AttributeAuthorityKeyInventorySource(ModuleSettings settings, IPlatformCertificateIssuer issuer) : IKeyInventorySource
{
    public Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default) =>
        CredentialClaims.FromSettingAsync(settings, AttributeAuthorityCredentials.Setting, "attribute authority", issuer, cancellationToken);
}

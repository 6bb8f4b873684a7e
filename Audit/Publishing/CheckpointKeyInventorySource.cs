using Audit.Storage;
using Platform.Keys.Inventory;

namespace Audit.Publishing;

/// <summary>The audit checkpoint key for the key inventory; it has no certificate (checkpoints carry a signed-note verifier key).</summary>
internal sealed class CheckpointKeyInventorySource(IAuditStore store) : IKeyInventorySource
{
    public async Task<IReadOnlyList<KeyClaim>> ListAsync(CancellationToken cancellationToken = default) =>
        await store.GetSettingAsync(CheckpointPublisher.KeyIdSetting, cancellationToken) is { Length: > 0 } keyId
            ? [new KeyClaim(keyId, "audit checkpoints", [])]
            : [];
}

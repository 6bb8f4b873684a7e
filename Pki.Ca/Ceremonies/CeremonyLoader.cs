using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using Platform.Keys;

namespace Pki.Ca.Ceremonies;

/// <summary>Loads the stored CAs for a key ceremony command, creating none (unlike the server's start).</summary>
public sealed class CeremonyLoader(ICaStore store, IKeyStore keys, CaRegistry registry)
{
    /// <summary>Fills the registry from the CA database.</summary>
    public Task LoadAsync(CancellationToken cancellationToken = default) => CaLoader.LoadStoredAsync(store, keys, registry, cancellationToken);
}

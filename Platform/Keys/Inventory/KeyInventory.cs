using Microsoft.Extensions.DependencyInjection;

namespace Platform.Keys.Inventory;

/// <summary>
/// Joins what the stores hold with what the modules claim. Claimed keys come first, in the order
/// the modules report them; then unclaimed keys by id. Nothing is opened or decrypted: a software
/// key's algorithm is in its file's header, a token key's in its public key object.
/// </summary>
internal sealed class KeyInventory(IServiceProvider services, IEnumerable<IKeyInventorySource> sources) : IKeyInventory
{
    public async Task<IReadOnlyList<KeyInventoryEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var stored = new Dictionary<string, StoredKey>(StringComparer.Ordinal);
        foreach (var store in Stores())
        {
            foreach (var key in store.ListKeys())
            {
                stored.TryAdd(key.KeyId, key);
            }
        }

        // One key can serve several purposes (and a CA key carry several certificates): merged by id.
        // Offline keys have no id, so each stays an entry of its own.
        var claims = new List<(string KeyId, List<string> Purposes, List<KeyCertificate> Certificates)>();
        foreach (var source in sources)
        {
            foreach (var claim in await source.ListAsync(cancellationToken))
            {
                var entry = claim.KeyId.Length == 0 ? default : claims.FirstOrDefault(c => c.KeyId == claim.KeyId);
                if (entry.KeyId is null)
                {
                    entry = (claim.KeyId, [], []);
                    claims.Add(entry);
                }

                if (!entry.Purposes.Contains(claim.Purpose))
                {
                    entry.Purposes.Add(claim.Purpose);
                }

                entry.Certificates.AddRange(claim.Certificates.Where(c => !entry.Certificates.Any(e => e.SerialNumber == c.SerialNumber)));
            }
        }

        var entries = new List<KeyInventoryEntry>();
        foreach (var (keyId, purposes, certificates) in claims)
        {
            entries.Add(keyId.Length == 0 ? new KeyInventoryEntry(keyId, KeyInventoryEntry.Offline, null, null, purposes, certificates)
                : stored.TryGetValue(keyId, out var key) ? new KeyInventoryEntry(keyId, key.Store, key.Location, key.Algorithm, purposes, certificates)
                : new KeyInventoryEntry(keyId, KeyInventoryEntry.Missing, null, null, purposes, certificates));
        }

        var claimed = claims.Select(c => c.KeyId).ToHashSet(StringComparer.Ordinal);
        entries.AddRange(stored.Values.Where(k => !claimed.Contains(k.KeyId)).OrderBy(k => k.KeyId, StringComparer.Ordinal)
            .Select(k => new KeyInventoryEntry(k.KeyId, k.Store, k.Location, k.Algorithm, [], [])));
        return entries;
    }

    private IEnumerable<IKeyStoreContents> Stores()
    {
        var configured = services.GetRequiredService<IKeyStore>();
        var transport = services.GetRequiredKeyedService<IKeyStore>(KeyStores.Transport);
        foreach (var store in ReferenceEquals(configured, transport) ? [configured] : new[] { configured, transport })
        {
            if (store is IKeyStoreContents contents)
            {
                yield return contents;
            }
        }
    }
}

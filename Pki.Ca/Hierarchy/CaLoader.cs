using Org.BouncyCastle.X509;
using Pki.Ca.Storage;
using Platform.Keys;

namespace Pki.Ca.Hierarchy;

/// <summary>Turns a stored CA into a loaded one: its key opened from the key store unless it is offline.</summary>
internal static class CaLoader
{
    public static CertificateAuthority Load(CaRecord record, IKeyStore keys, string hierarchy) => new(
        record.Name, new X509Certificate(record.Certificate), record.IsOffline ? null : keys.Open(record.KeyId), record.Parent,
        record.Hierarchy ?? hierarchy, record.SupersededBy);

    /// <summary>
    /// Loads every stored CA and link certificate into <paramref name="registry"/>, creating
    /// nothing: what a key ceremony command works on, on a server's data directory or on the
    /// offline machine of a root.
    /// </summary>
    public static async Task LoadStoredAsync(ICaStore store, IKeyStore keys, CaRegistry registry, CancellationToken cancellationToken)
    {
        foreach (var record in await store.ListCasAsync(cancellationToken))
        {
            registry.Add(Load(record, keys, HierarchyOf(record, registry)));
        }

        await LoadLinksAsync(store, registry, cancellationToken);
    }

    /// <summary>Adds the stored link certificates of root rollovers to <paramref name="registry"/>.</summary>
    public static async Task LoadLinksAsync(ICaStore store, CaRegistry registry, CancellationToken cancellationToken) =>
        registry.AddLinks((await store.ListByProfileAsync(Ceremonies.CaCertificateRecords.LinkProfile, cancellationToken))
            .Select(r => new X509Certificate(r.Certificate)));

    /// <summary>
    /// The hierarchy of a stored CA: as recorded (ceremonies, rollovers); else the default one for
    /// <c>root</c>, <c>issuing</c> and their generations; else its parent's; else a root's name without <c>-root</c>.
    /// </summary>
    public static string HierarchyOf(CaRecord record, CaRegistry registry)
    {
        var baseName = record.Name.Split('.')[0];
        return record.Hierarchy
            ?? (baseName is CaRegistry.RootName or CaRegistry.IssuingName ? HierarchyLayout.DefaultName
            : record.Parent is { } parent && registry.TryGet(parent, out var p) ? p.Hierarchy
            : record.Name.Replace("-root", "", StringComparison.Ordinal));
    }
}

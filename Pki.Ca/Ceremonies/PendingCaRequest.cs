using Pki.Ca.Storage;
using System.Text.Json;

namespace Pki.Ca.Ceremonies;

/// <summary>
/// An issuing CA whose key and CSR are made here and whose certificate a root kept elsewhere
/// signs: what <c>pki ca install</c> needs to finish it, kept as the CA setting <c>ca.pending.&lt;name&gt;</c>.
/// </summary>
/// <param name="KeyId">The key made for it in the key store.</param>
/// <param name="Hierarchy">The hierarchy it joins.</param>
/// <param name="Supersedes">The CA whose next generation it is, or null for a new CA.</param>
internal sealed record PendingCaRequest(string KeyId, string Hierarchy, string? Supersedes)
{
    private static string Setting(string name) => "ca.pending." + name;

    public static async Task<PendingCaRequest?> GetAsync(ICaStore store, string name, CancellationToken cancellationToken) =>
        await store.GetSettingAsync(Setting(name), cancellationToken) is { Length: > 0 } json
            ? JsonSerializer.Deserialize<PendingCaRequest>(json)
            : null;

    public Task SaveAsync(ICaStore store, string name, CancellationToken cancellationToken) =>
        store.SetSettingAsync(Setting(name), JsonSerializer.Serialize(this), cancellationToken);

    /// <summary>Marks the request finished (settings are never deleted; an empty value is none).</summary>
    public static Task ClearAsync(ICaStore store, string name, CancellationToken cancellationToken) =>
        store.SetSettingAsync(Setting(name), "", cancellationToken);
}

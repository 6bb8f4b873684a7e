namespace Platform.Keys.Inventory;

/// <summary>One key of the inventory: where it is, and what uses it.</summary>
/// <param name="KeyId">The key store's id; empty for an offline key.</param>
/// <param name="Store"><c>Software</c>, <c>Pkcs11</c>, <c>missing</c> when a module names a key no store holds, or <c>offline</c> for a key a module says is kept elsewhere (an offline root).</param>
/// <param name="Location">The key file or the token label; null when missing or offline.</param>
/// <param name="Algorithm">The algorithm name; null when missing or offline.</param>
/// <param name="Purposes">What uses it; empty when no module claims it (unclaimed).</param>
/// <param name="Certificates">The certificates that carry it.</param>
public sealed record KeyInventoryEntry(
    string KeyId, string Store, string? Location, string? Algorithm, IReadOnlyList<string> Purposes, IReadOnlyList<KeyCertificate> Certificates)
{
    /// <summary>The store value of a key that a module names but no store holds.</summary>
    public const string Missing = "missing";

    /// <summary>The store value of a key a module records as held elsewhere: it claims it with an empty key id.</summary>
    public const string Offline = "offline";

    /// <summary>True when some module uses the key.</summary>
    public bool Claimed => Purposes.Count > 0;
}

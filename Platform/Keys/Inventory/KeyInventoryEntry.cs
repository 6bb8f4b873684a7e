namespace Platform.Keys.Inventory;

/// <summary>One key of the inventory: where it is, and what uses it.</summary>
/// <param name="KeyId">The key store's id.</param>
/// <param name="Store"><c>Software</c>, <c>Pkcs11</c>, or <c>missing</c> when a module names a key no store holds.</param>
/// <param name="Location">The key file or the token label; null when missing.</param>
/// <param name="Algorithm">The algorithm name; null when missing.</param>
/// <param name="Purposes">What uses it; empty when no module claims it (unclaimed).</param>
/// <param name="Certificates">The certificates that carry it.</param>
public sealed record KeyInventoryEntry(
    string KeyId, string Store, string? Location, string? Algorithm, IReadOnlyList<string> Purposes, IReadOnlyList<KeyCertificate> Certificates)
{
    /// <summary>The store value of a key that a module names but no store holds.</summary>
    public const string Missing = "missing";

    /// <summary>True when some module uses the key.</summary>
    public bool Claimed => Purposes.Count > 0;
}

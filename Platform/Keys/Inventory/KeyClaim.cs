namespace Platform.Keys.Inventory;

/// <summary>A module's use of one key.</summary>
/// <param name="KeyId">The key store's id of the key; empty when the module knows the key is held elsewhere (an offline root).</param>
/// <param name="Purpose">What the key signs, for a person: <c>CA issuing</c>, <c>OCSP responder of CA root</c>, <c>TSA</c>.</param>
/// <param name="Certificates">The certificates whose public key it is, oldest first; empty when none (audit checkpoints).</param>
public sealed record KeyClaim(string KeyId, string Purpose, IReadOnlyList<KeyCertificate> Certificates);

namespace Pki.Ca.Storage;

/// <summary>A certificate authority the platform operates.</summary>
/// <param name="Name">Its name (<c>root</c>, <c>issuing</c>; a later generation of CA <c>x</c> is <c>x.2</c>, <c>x.3</c>, …).</param>
/// <param name="KeyId">Its signing key's id in the key store; empty when the key is kept offline (a root whose key never reaches this server).</param>
/// <param name="Certificate">Its certificate, DER.</param>
/// <param name="Parent">The CA that signed it; null for a root.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Hierarchy">The hierarchy it belongs to, when recorded (CAs of key ceremonies and rollovers); null for CAs configuration names.</param>
/// <param name="SupersededBy">The CA that took over from it in a rollover; null while it is the current generation.</param>
public sealed record CaRecord(
    string Name, string KeyId, byte[] Certificate, string? Parent, DateTimeOffset CreatedAt, string? Hierarchy = null, string? SupersededBy = null)
{
    /// <summary>Whether its private key is held elsewhere (an offline root): it signs nothing here.</summary>
    public bool IsOffline => KeyId.Length == 0;
}

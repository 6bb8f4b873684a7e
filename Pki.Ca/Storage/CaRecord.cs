namespace Pki.Ca.Storage;

/// <summary>A certificate authority the platform operates.</summary>
/// <param name="Name">Its name (<c>root</c>, <c>issuing</c>).</param>
/// <param name="KeyId">Its signing key's id in the key store.</param>
/// <param name="Certificate">Its certificate, DER.</param>
/// <param name="Parent">The CA that signed it; null for a root.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record CaRecord(string Name, string KeyId, byte[] Certificate, string? Parent, DateTimeOffset CreatedAt);

using Platform.Cryptography;

namespace Identity.Signing;

/// <summary>One token-signing key of the ring.</summary>
/// <param name="KeyId">The key store's id of the key, also its JWK <c>kid</c>.</param>
/// <param name="Jws">The JWS algorithm it signs with.</param>
/// <param name="Key">The key's type in the store.</param>
/// <param name="Created">When it was made.</param>
/// <param name="Activates">When it starts signing; until then it is only published.</param>
internal sealed record SigningKeyEntry(string KeyId, string Jws, KeyAlgorithm Key, DateTimeOffset Created, DateTimeOffset Activates)
{
    /// <summary>The algorithm the key signs with.</summary>
    public TokenSigningAlgorithm Algorithm => TokenSigningAlgorithm.FromJws(Jws, Key);
}

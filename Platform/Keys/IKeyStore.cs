using Platform.Cryptography;

namespace Platform.Keys;

/// <summary>
/// Holds the platform's private keys. Keys it returns are owned by the store and live as long
/// as it does: callers must not dispose them.
/// </summary>
public interface IKeyStore
{
    /// <summary>Generates a key and persists it durably before returning it.</summary>
    /// <param name="algorithm">The key type.</param>
    /// <param name="label">A readable purpose, part of the key id (e.g. <c>ca-root</c>).</param>
    ISigningKey Create(KeyAlgorithm algorithm, string label);

    /// <summary>Opens a stored key; throws <see cref="KeyNotFoundException"/> for an unknown id.</summary>
    ISigningKey Open(string keyId);
}

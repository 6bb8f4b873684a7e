using System.Security.Cryptography;
using System.Text;

namespace Platform.Keys;

/// <summary>
/// Seals small secrets a module keeps in its database (one-time-password seeds) under the
/// platform's key-encryption key, so that a copy of the database alone reveals none of them.
/// Each purpose gets its own AES-256-GCM key derived from the key-encryption key (HKDF-SHA256),
/// and each secret is bound to the record it belongs to: a sealed value moved to another record
/// or another purpose does not open.
/// </summary>
public sealed class SecretSealer
{
    private const byte Version = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private readonly byte[] kek;

    /// <summary>A sealer under <paramref name="keyEncryptionKey"/>.</summary>
    public SecretSealer(KeyEncryptionKey keyEncryptionKey)
    {
        ArgumentNullException.ThrowIfNull(keyEncryptionKey);
        kek = keyEncryptionKey.Key;
    }

    /// <summary>Seals <paramref name="secret"/> for <paramref name="purpose"/> (e.g. <c>identity.totp</c>) and the record <paramref name="context"/>.</summary>
    public byte[] Seal(string purpose, string context, ReadOnlySpan<byte> secret)
    {
        var sealedValue = new byte[1 + NonceBytes + secret.Length + TagBytes];
        sealedValue[0] = Version;
        var nonce = sealedValue.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(purpose), TagBytes);
        aes.Encrypt(nonce, secret, sealedValue.AsSpan(1 + NonceBytes, secret.Length), sealedValue.AsSpan(1 + NonceBytes + secret.Length), Bound(purpose, context));
        return sealedValue;
    }

    /// <summary>
    /// Opens a value <see cref="Seal"/> made for the same purpose and record; throws
    /// <see cref="CryptographicException"/> when it was altered, moved, or sealed under another key.
    /// </summary>
    public byte[] Open(string purpose, string context, ReadOnlySpan<byte> sealedValue)
    {
        if (sealedValue.Length < 1 + NonceBytes + TagBytes || sealedValue[0] != Version)
        {
            throw new CryptographicException("The sealed value is not one this platform made.");
        }

        var length = sealedValue.Length - 1 - NonceBytes - TagBytes;
        var secret = new byte[length];
        using var aes = new AesGcm(KeyFor(purpose), TagBytes);
        aes.Decrypt(sealedValue.Slice(1, NonceBytes), sealedValue.Slice(1 + NonceBytes, length), sealedValue[^TagBytes..], secret, Bound(purpose, context));
        return secret;
    }

    private byte[] KeyFor(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, kek, 32, salt: [], info: Encoding.UTF8.GetBytes("securityplatform sealed secret " + purpose));

    // A NUL cannot occur in either part, so the pair is read back one way only.
    private static byte[] Bound(string purpose, string context) => Encoding.UTF8.GetBytes(purpose + "\0" + context);
}

namespace Platform.Cryptography;

/// <summary>
/// A private key that signs. This is the one signing abstraction every module uses (CA, OCSP,
/// TSA, audit checkpoints, tokens), whatever holds the key: software or a PKCS#11 token.
/// </summary>
public interface ISigningKey : IDisposable
{
    /// <summary>The key's identifier in its key store.</summary>
    string Id { get; }

    /// <summary>The key's type.</summary>
    KeyAlgorithm Algorithm { get; }

    /// <summary>The scheme <see cref="Sign"/> produces.</summary>
    SignatureScheme Scheme { get; }

    /// <summary>The public key as a DER-encoded X.509 SubjectPublicKeyInfo.</summary>
    ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    /// <summary>
    /// Signs <paramref name="data"/> (the message, not a digest) and returns the signature in
    /// the encoding X.509 uses: DER (r, s) for ECDSA and SM2, raw bytes for RSA and Ed25519.
    /// Safe to call from many threads at once.
    /// </summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}

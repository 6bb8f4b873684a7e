using NSec.Cryptography;

namespace Platform.Cryptography.Software;

/// <summary>An Ed25519 key signing through libsodium (NSec).</summary>
internal sealed class Ed25519SigningKey(string id, Key key) : ISigningKey
{
    public string Id => id;

    public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

    public SignatureScheme Scheme => SignatureScheme.Ed25519;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; } = key.PublicKey.Export(KeyBlobFormat.PkixPublicKey);

    public static Ed25519SigningKey Load(string id, ReadOnlySpan<byte> pkcs8) =>
        new(id, Key.Import(NSec.Cryptography.SignatureAlgorithm.Ed25519, pkcs8, KeyBlobFormat.PkixPrivateKey));

    public byte[] Sign(ReadOnlySpan<byte> data) => NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(key, data);

    public void Dispose() => key.Dispose();
}

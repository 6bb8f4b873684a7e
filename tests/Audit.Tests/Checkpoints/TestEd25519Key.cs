using NSec.Cryptography;
using Platform.Cryptography;

namespace Audit.Tests.Checkpoints;

/// <summary>A software Ed25519 <see cref="ISigningKey"/> over NSec, for tests only.</summary>
internal sealed class TestEd25519Key : ISigningKey
{
    private readonly Key _key;

    private TestEd25519Key(Key key)
    {
        _key = key;
        SubjectPublicKeyInfo = key.PublicKey.Export(KeyBlobFormat.PkixPublicKey);
    }

    public string Id => "test-ed25519";

    public KeyAlgorithm Algorithm => KeyAlgorithm.Ed25519;

    public SignatureScheme Scheme => SignatureScheme.Ed25519;

    public ReadOnlyMemory<byte> SubjectPublicKeyInfo { get; }

    public static TestEd25519Key Generate() => new(Key.Create(SignatureAlgorithm.Ed25519));

    public static TestEd25519Key FromSeed(ReadOnlySpan<byte> seed) =>
        new(Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey));

    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(_key, data);

    public void Dispose() => _key.Dispose();
}

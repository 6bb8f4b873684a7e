using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Platform.Cryptography;
using Platform.Keys;
using System.Security.Cryptography;
using System.Text;
using TestSupport;

namespace Platform.Tests.Keys;

public sealed class SoftwareKeyStoreTests : IDisposable
{
    private static readonly byte[] Message = "a message to sign"u8.ToArray();
    private readonly TemporaryDirectory directory = new();
    private readonly KeyEncryptionKey kek = KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test");

    public static TheoryData<KeyAlgorithm> Algorithms => Cryptography.TestKeys.AllAlgorithms();

    public static TheoryData<KeyAlgorithm> KeyTypes => Cryptography.TestKeys.OnePerKeyType();

    private string KeysDirectory => directory.File("keys");

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Open_InANewStoreWithTheSameKek_SignsForTheOriginalPublicKey(KeyAlgorithm algorithm)
    {
        var created = NewStore().Create(algorithm, "ca-root");

        var opened = NewStore().Open(created.Id);

        Assert.Equal(created.Id, opened.Id);
        Assert.Equal(algorithm, opened.Algorithm);
        Assert.Equal(created.SubjectPublicKeyInfo.ToArray(), opened.SubjectPublicKeyInfo.ToArray());
        Assert.True(SignatureVerifier.Verify(created.SubjectPublicKeyInfo.Span, opened.Scheme, Message, opened.Sign(Message)));
    }

    [Fact]
    public void Open_WithAnotherKek_Throws()
    {
        var id = NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var other = new SoftwareKeyStore(KeysDirectory, KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test"));

        Assert.ThrowsAny<CryptographicException>(() => other.Open(id));
    }

    [Fact]
    public void Open_CiphertextWithAByteChanged_Throws()
    {
        var id = NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var (magic, algorithm, sealedKey) = ReadKeyFile(id);
        foreach (var position in new[] { 0, 12, 28, sealedKey.Length - 1 }) // nonce, tag, ciphertext start and end
        {
            var tampered = (byte[])sealedKey.Clone();
            tampered[position] ^= 0x01;
            WriteKeyFile(id, magic, algorithm, tampered);

            Assert.ThrowsAny<CryptographicException>(() => NewStore().Open(id));
        }
    }

    [Fact]
    public void Open_TruncatedFile_Throws()
    {
        var id = NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var (magic, algorithm, sealedKey) = ReadKeyFile(id);
        WriteKeyFile(id, magic, algorithm, sealedKey[..27]);

        Assert.ThrowsAny<CryptographicException>(() => NewStore().Open(id));
    }

    [Fact]
    public void Open_AlgorithmInTheFileChanged_Throws()
    {
        var id = NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var (magic, _, sealedKey) = ReadKeyFile(id);
        WriteKeyFile(id, magic, KeyAlgorithm.EcdsaP384.Name(), sealedKey);

        Assert.ThrowsAny<CryptographicException>(() => NewStore().Open(id));
    }

    [Fact]
    public void Open_FilesOfTwoKeysSwapped_ThrowsForBoth()
    {
        var store = NewStore();
        var first = store.Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var second = store.Create(KeyAlgorithm.EcdsaP256, "ca-issuing").Id;
        File.Move(PathOf(first), PathOf("swap"));
        File.Move(PathOf(second), PathOf(first));
        File.Move(PathOf("swap"), PathOf(second));

        var reopened = NewStore();

        Assert.ThrowsAny<CryptographicException>(() => reopened.Open(first));
        Assert.ThrowsAny<CryptographicException>(() => reopened.Open(second));
    }

    [Theory]
    [InlineData("ca-root-0011223344556677")]
    [InlineData("")]
    [InlineData("../kek")]
    [InlineData("keys/ca-root")]
    public void Open_UnknownOrInvalidId_ThrowsKeyNotFound(string id)
    {
        NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root");

        Assert.Throws<KeyNotFoundException>(() => NewStore().Open(id));
    }

    [Fact]
    public void Open_SameIdTwice_ReturnsTheSameKey()
    {
        var id = NewStore().Create(KeyAlgorithm.EcdsaP256, "ca-root").Id;
        var store = NewStore();

        Assert.Same(store.Open(id), store.Open(id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ca root")]
    [InlineData("../ca")]
    [InlineData("ca_root")]
    public void Create_InvalidLabel_Throws(string label)
    {
        Assert.Throws<ArgumentException>(() => NewStore().Create(KeyAlgorithm.EcdsaP256, label));
    }

    [Fact]
    public void Create_TwoKeysWithOneLabel_GetDistinctIdsStartingWithTheLabel()
    {
        var store = NewStore();

        var first = store.Create(KeyAlgorithm.Ed25519, "tsa");
        var second = store.Create(KeyAlgorithm.Ed25519, "tsa");

        Assert.NotEqual(first.Id, second.Id);
        Assert.StartsWith("tsa-", first.Id, StringComparison.Ordinal);
        Assert.StartsWith("tsa-", second.Id, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Create_KeyFile_IsOwnerReadWriteOnlyAndTheOnlyFile(KeyAlgorithm algorithm)
    {
        var id = NewStore().Create(algorithm, "ca-root").Id;

        Assert.Equal([PathOf(id)], Directory.GetFiles(KeysDirectory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(PathOf(id)));
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Create_KeyFile_HoldsNoPlaintextPrivateKey(KeyAlgorithm algorithm)
    {
        var id = NewStore().Create(algorithm, "ca-root").Id;
        var text = File.ReadAllText(PathOf(id));
        var (magic, name, sealedKey) = ReadKeyFile(id);

        Assert.Equal("spk1", magic);
        Assert.Equal(algorithm.Name(), name);
        Assert.DoesNotContain("PRIVATE KEY", text, StringComparison.Ordinal);
        // No suffix of the file's bytes (nonce, tag, ciphertext) reads as a PKCS#8 PrivateKeyInfo.
        for (var offset = 0; offset < sealedKey.Length; offset++)
        {
            Assert.False(ParsesAsPkcs8(sealedKey[offset..]), $"offset {offset}");
        }
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.Rsa2048)]
    public void Create_KeyFile_HoldsNeitherThePkcs8NorThePrivateScalar(KeyAlgorithm algorithm)
    {
        var key = NewStore().Create(algorithm, "ca-root");
        var exportable = Assert.IsAssignableFrom<IExportableToTls>(key).AsymmetricAlgorithm;
        byte[][] secrets = exportable is ECDsa ecdsa
            ? [exportable.ExportPkcs8PrivateKey(), ecdsa.ExportParameters(true).D!]
            : [exportable.ExportPkcs8PrivateKey(), ((RSA)exportable).ExportParameters(true).D!, ((RSA)exportable).ExportParameters(true).P!];
        var file = File.ReadAllBytes(PathOf(key.Id));
        var (_, _, sealedKey) = ReadKeyFile(key.Id);

        foreach (var secret in secrets)
        {
            Assert.Equal(-1, file.AsSpan().IndexOf(secret));
            Assert.Equal(-1, sealedKey.AsSpan().IndexOf(secret));
            Assert.DoesNotContain(Convert.ToBase64String(secret)[..16], Encoding.ASCII.GetString(file), StringComparison.Ordinal);
        }
    }

    public void Dispose() => directory.Dispose();

    private SoftwareKeyStore NewStore() => new(KeysDirectory, kek);

    private string PathOf(string id) => Path.Combine(KeysDirectory, id + ".key");

    private (string Magic, string Algorithm, byte[] SealedKey) ReadKeyFile(string id)
    {
        var parts = File.ReadAllText(PathOf(id)).Trim().Split(' ');
        Assert.Equal(3, parts.Length);
        return (parts[0], parts[1], Convert.FromBase64String(parts[2]));
    }

    private void WriteKeyFile(string id, string magic, string algorithm, byte[] sealedKey) =>
        File.WriteAllText(PathOf(id), $"{magic} {algorithm} {Convert.ToBase64String(sealedKey)}\n");

    private static bool ParsesAsPkcs8(byte[] bytes)
    {
        try
        {
            return PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(bytes)) is not null;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or InvalidCastException)
        {
            return false;
        }
    }
}

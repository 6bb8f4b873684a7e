using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Platform.Cryptography;
using Platform.Cryptography.Software;
using System.Security.Cryptography;

namespace Platform.Tests.Cryptography.Software;

public sealed class SoftwareKeysTests
{
    public static TheoryData<KeyAlgorithm> Algorithms => TestKeys.AllAlgorithms();

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Load_GeneratedKey_HasTheAlgorithmAndItsDefaultScheme(KeyAlgorithm algorithm)
    {
        using var key = SoftwareKeys.Load("a-key", algorithm, TestKeys.PrivateKey(algorithm));

        Assert.Equal("a-key", key.Id);
        Assert.Equal(algorithm, key.Algorithm);
        Assert.Equal(algorithm.DefaultScheme(), key.Scheme);
        Assert.Equal(algorithm, PublicKeys.Describe(key.SubjectPublicKeyInfo.Span)?.Algorithm);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Generate_AnyAlgorithm_ReturnsPkcs8(KeyAlgorithm algorithm)
    {
        var info = PrivateKeyInfo.GetInstance(Asn1Object.FromByteArray(TestKeys.PrivateKey(algorithm)));

        Assert.NotNull(info.PrivateKeyAlgorithm.Algorithm);
        Assert.NotEmpty(info.PrivateKey.GetOctets());
    }

    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256, SignatureScheme.RsaPkcs1Sha256)]
    [InlineData(KeyAlgorithm.Rsa2048, SignatureScheme.EcdsaSha256)]
    [InlineData(KeyAlgorithm.Ed25519, SignatureScheme.EcdsaSha256)]
    [InlineData(KeyAlgorithm.Sm2, SignatureScheme.EcdsaSha256)]
    [InlineData(KeyAlgorithm.EcdsaP256, SignatureScheme.Sm2Sm3)]
    public void Load_SchemeTheKeyCannotSignWith_Throws(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        Assert.Throws<ArgumentException>(() => SoftwareKeys.Load("a-key", algorithm, TestKeys.PrivateKey(algorithm), scheme));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task Sign_FromManyThreadsAtOnce_EverySignatureVerifies(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => Task.Run(() =>
        {
            var message = BitConverter.GetBytes(i);
            return SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, key.Scheme, message, key.Sign(message));
        })));

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Load_Garbage_ThrowsCryptographicOrFormatError()
    {
        var error = Record.Exception(() => SoftwareKeys.Load("a-key", KeyAlgorithm.EcdsaP256, RandomNumberGenerator.GetBytes(64)));

        Assert.IsAssignableFrom<CryptographicException>(error);
    }
}

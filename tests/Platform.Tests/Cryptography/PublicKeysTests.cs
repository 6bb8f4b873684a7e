using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Platform.Tests.Cryptography;

public sealed class PublicKeysTests
{
    public static TheoryData<KeyAlgorithm> Algorithms => TestKeys.AllAlgorithms();

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Describe_SupportedKey_NamesItsAlgorithm(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);

        Assert.Equal(new PublicKeyDescription(algorithm, algorithm.Name()), PublicKeys.Describe(key.SubjectPublicKeyInfo.Span));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(2056)]
    public void Describe_RsaOfAnotherSize_IsUnsupportedAndNamesTheSize(int bits)
    {
        using var rsa = RSA.Create(bits);

        Assert.Equal(new PublicKeyDescription(null, $"RSA-{bits}"), PublicKeys.Describe(rsa.ExportSubjectPublicKeyInfo()));
    }

    [Theory]
    [InlineData("secp521r1")]
    [InlineData("brainpoolP256r1")]
    [InlineData("brainpoolP384r1")]
    [InlineData("secp256k1")]
    public void Describe_UnsupportedCurve_IsUnsupportedAndNamesTheCurve(string curve)
    {
        using var ecdsa = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));

        Assert.Equal(new PublicKeyDescription(null, $"EC {curve}"), PublicKeys.Describe(ecdsa.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public void Describe_CurveGivenByExplicitParameters_IsUnsupported()
    {
        using var named = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var explicitCurve = ECDsa.Create(named.ExportExplicitParameters(includePrivateParameters: false));

        var description = PublicKeys.Describe(explicitCurve.ExportSubjectPublicKeyInfo());

        Assert.NotNull(description);
        Assert.Null(description.Algorithm);
    }

    [Fact]
    public void Describe_OtherKeyType_IsUnsupportedAndNamesTheOid()
    {
        var generator = new X25519KeyPairGenerator();
        generator.Init(new X25519KeyGenerationParameters(new SecureRandom()));
        var spki = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(generator.GenerateKeyPair().Public).GetDerEncoded();

        Assert.Equal(new PublicKeyDescription(null, "key algorithm 1.3.101.110"), PublicKeys.Describe(spki));
    }

    [Fact]
    public void Describe_Garbage_ReturnsNull()
    {
        using var key = TestKeys.Get(KeyAlgorithm.EcdsaP256);
        var spki = key.SubjectPublicKeyInfo.ToArray();
        byte[][] garbage = [[0x30], [0x30, 0x00], [0x05, 0x00], spki[..^1], spki[..20], RandomNumberGenerator.GetBytes(100)];

        foreach (var bytes in garbage)
        {
            var error = Record.Exception(() => Assert.Null(PublicKeys.Describe(bytes)));
            Assert.True(error is null, Convert.ToHexString(bytes) + ": " + error);
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Describe_KeyWithAnyBitFlippedOrTruncated_NeverThrows(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);
        var spki = key.SubjectPublicKeyInfo.ToArray();
        var variants = Enumerable.Range(0, spki.Length * 8).Select(bit => TestKeys.FlipBit(spki, bit))
            .Concat(Enumerable.Range(1, spki.Length - 1).Select(length => spki[..length]));

        foreach (var variant in variants)
        {
            var error = Record.Exception(() => PublicKeys.Describe(variant));
            Assert.True(error is null, Convert.ToHexString(variant) + ": " + error);
        }
    }

    [Fact]
    public void Describe_Empty_ReturnsNull()
    {
        Assert.Null(PublicKeys.Describe([]));
    }
}

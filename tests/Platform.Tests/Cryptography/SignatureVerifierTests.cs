using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Platform.Tests.Cryptography;

public sealed class SignatureVerifierTests
{
    private static readonly byte[] Message = "the quick brown fox jumps over the lazy dog"u8.ToArray();

    public static TheoryData<KeyAlgorithm, SignatureScheme> Pairs => TestKeys.Pairs();

    public static TheoryData<SignatureScheme> Schemes => TestKeys.AllSchemes();

    public static TheoryData<KeyAlgorithm> KeyTypes => TestKeys.OnePerKeyType();

    /// <summary>Every key type: malformed untrusted keys make <see cref="SignatureVerifier.Verify"/> return false, never throw.</summary>
    public static IEnumerable<TheoryDataRow<KeyAlgorithm>> AlgorithmsThatParseUntrustedKeysSafely() =>
        TestKeys.Algorithms.Select(algorithm => new TheoryDataRow<KeyAlgorithm>(algorithm));

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_OwnSignature_ReturnsTrue(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);

        Assert.Equal(scheme, key.Scheme);
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, scheme, Message, key.Sign(Message)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_SignatureWithAnyBitFlipped_ReturnsFalse(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);
        var signature = key.Sign(Message);

        for (var bit = 0; bit < signature.Length * 8; bit++)
        {
            Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, scheme, Message, TestKeys.FlipBit(signature, bit)), $"bit {bit}");
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_MessageWithAnyBitFlipped_ReturnsFalse(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);
        var signature = key.Sign(Message);

        for (var bit = 0; bit < Message.Length * 8; bit++)
        {
            Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, scheme, TestKeys.FlipBit(Message, bit), signature), $"bit {bit}");
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_WithAnyOtherScheme_ReturnsFalse(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);
        var signature = key.Sign(Message);

        foreach (var other in TestKeys.Schemes.Where(s => s != scheme))
        {
            Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, other, Message, signature), other.ToString());
        }
    }

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public void Verify_AnotherKeysPublicKey_ReturnsFalse(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);
        using var other = Platform.Cryptography.Software.SoftwareKeys.Create(algorithm);

        Assert.False(SignatureVerifier.Verify(other.SubjectPublicKeyInfo.Span, key.Scheme, Message, key.Sign(Message)));
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_TruncatedPublicKey_ReturnsFalse(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);
        var signature = key.Sign(Message);
        var spki = key.SubjectPublicKeyInfo.Span;

        for (var length = 0; length < spki.Length; length++)
        {
            Assert.False(SignatureVerifier.Verify(spki[..length], scheme, Message, signature), $"length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(AlgorithmsThatParseUntrustedKeysSafely))]
    public void Verify_PublicKeyMaterialWithAnyBitFlipped_ReturnsFalse(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);
        var scheme = key.Scheme;
        var signature = key.Sign(Message);
        var spki = key.SubjectPublicKeyInfo.Span;
        // The subjectPublicKey BIT STRING ends the SubjectPublicKeyInfo.
        var material = SubjectPublicKeyInfo.GetInstance(spki.ToArray()).PublicKey.GetOctets().Length;

        for (var bit = (spki.Length - material) * 8; bit < spki.Length * 8; bit++)
        {
            Assert.False(SignatureVerifier.Verify(TestKeys.FlipBit(spki, bit), scheme, Message, signature), $"bit {bit}");
        }
    }

    [Theory]
    [MemberData(nameof(AlgorithmsThatParseUntrustedKeysSafely))]
    public void Verify_PublicKeyWithAnyBitFlipped_NeverThrows(KeyAlgorithm algorithm)
    {
        using var key = TestKeys.Get(algorithm);
        var scheme = key.Scheme;
        var signature = key.Sign(Message);
        var spki = key.SubjectPublicKeyInfo.ToArray();

        // Outside the key material a flip may leave the same key (RSA parameters 05 00 read as
        // 04 00 are accepted by .NET), so only the absence of exceptions is asserted here.
        for (var bit = 0; bit < spki.Length * 8; bit++)
        {
            var exception = Record.Exception(() => SignatureVerifier.Verify(TestKeys.FlipBit(spki, bit), scheme, Message, signature));
            Assert.True(exception is null, $"bit {bit}: {exception}");
        }
    }

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Verify_GarbagePublicKey_ReturnsFalse(SignatureScheme scheme)
    {
        byte[][] garbage = [[], [0x30], [0x30, 0x00], [0x30, 0x80, 0x00, 0x00], [0x05, 0x00], RandomNumberGenerator.GetBytes(300), [.. Enumerable.Repeat((byte)0x30, 64)]];

        foreach (var spki in garbage)
        {
            Assert.False(SignatureVerifier.Verify(spki, scheme, Message, RandomNumberGenerator.GetBytes(64)), Convert.ToHexString(spki));
        }
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Verify_MalformedSignature_ReturnsFalse(KeyAlgorithm algorithm, SignatureScheme scheme)
    {
        using var key = TestKeys.Get(algorithm, scheme);
        var valid = key.Sign(Message);
        byte[][] malformed = [[], [0x00], [0x30, 0x00], [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00], valid[..^1], [.. valid, 0x00],
            RandomNumberGenerator.GetBytes(valid.Length), RandomNumberGenerator.GetBytes(2000)];

        foreach (var signature in malformed)
        {
            Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, scheme, Message, signature), Convert.ToHexString(signature));
        }
    }

    [Fact]
    public void Verify_UndefinedScheme_ReturnsFalse()
    {
        using var key = TestKeys.Get(KeyAlgorithm.EcdsaP256);

        Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, (SignatureScheme)999, Message, key.Sign(Message)));
    }
}

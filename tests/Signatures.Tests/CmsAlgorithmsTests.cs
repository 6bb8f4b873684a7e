using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using Signatures.Cms;

namespace Signatures.Tests;

public sealed class CmsAlgorithmsTests
{
    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1Sha256)]
    [InlineData(SignatureScheme.RsaPssSha384)]
    [InlineData(SignatureScheme.EcdsaSha256)]
    [InlineData(SignatureScheme.EcdsaSha384)]
    [InlineData(SignatureScheme.Ed25519)]
    [InlineData(SignatureScheme.Sm2Sm3)]
    public void WrittenIdentifiers_ReadBack_AsTheSameScheme(SignatureScheme scheme)
    {
        var (digest, signature) = CmsAlgorithms.For(scheme);

        Assert.True(CmsAlgorithms.TryScheme(digest, signature, out var read));
        Assert.Equal(scheme, read);
    }

    [Fact]
    public void OtherSignersSpellings_AreRead()
    {
        Assert.True(CmsAlgorithms.TryScheme(new(NistObjectIdentifiers.IdSha256), new(PkcsObjectIdentifiers.RsaEncryption), out var rsa));
        Assert.Equal(SignatureScheme.RsaPkcs1Sha256, rsa);
        Assert.True(CmsAlgorithms.TryScheme(new(GMObjectIdentifiers.sm3), new(CmsAlgorithms.Sm2Sign), out var sm2));
        Assert.Equal(SignatureScheme.Sm2Sm3, sm2);
    }

    [Fact]
    public void ContradictoryDigest_IsRefused()
    {
        Assert.False(CmsAlgorithms.TryScheme(new(NistObjectIdentifiers.IdSha384), SignatureScheme.EcdsaSha256.AlgorithmIdentifier(), out _));
        Assert.False(CmsAlgorithms.TryScheme(new(NistObjectIdentifiers.IdSha256), SignatureScheme.Ed25519.AlgorithmIdentifier(), out _));
        Assert.False(CmsAlgorithms.TryScheme(new(PkcsObjectIdentifiers.MD5), new(PkcsObjectIdentifiers.RsaEncryption), out _));
        Assert.False(CmsAlgorithms.TryScheme(new(NistObjectIdentifiers.IdSha256), new AlgorithmIdentifier(GMObjectIdentifiers.sm2sign_with_sm3), out _));
    }
}

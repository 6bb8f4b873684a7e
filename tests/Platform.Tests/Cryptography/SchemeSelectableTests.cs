using Platform.Cryptography;
using Platform.Cryptography.Software;
using Platform.Tests.Keys.Pkcs11;

namespace Platform.Tests.Cryptography;

/// <summary>An RSA key of either store signs RSASSA-PSS on request, from the same stored key.</summary>
public sealed class SchemeSelectableTests
{
    private static readonly byte[] Data = "signed data"u8.ToArray();

    [Fact]
    public void SoftwareRsaKey_WithPss_SignsPss_SameKey()
    {
        var key = SoftwareKeys.Create(KeyAlgorithm.Rsa2048);

        var pss = Assert.IsAssignableFrom<ISchemeSelectable>(key).WithScheme(SignatureScheme.RsaPssSha256);

        Assert.Equal(key.Id, pss.Id);
        Assert.Equal(SignatureScheme.RsaPssSha256, pss.Scheme);
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPssSha256, Data, pss.Sign(Data)));
        Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPkcs1Sha256, Data, key.Sign(Data)));
    }

    [Fact]
    public void SoftwareRsaKey_WithAnotherAlgorithmsScheme_Throws()
    {
        var key = (ISchemeSelectable)SoftwareKeys.Create(KeyAlgorithm.Rsa2048);

        Assert.Throws<ArgumentException>(() => key.WithScheme(SignatureScheme.EcdsaSha256));
    }

    [Fact]
    public void Pkcs11RsaKey_WithPss_TokenSignsPss()
    {
        var (_, _, store) = SoftHsmStore.New();
        using (store)
        {
            var key = store.Create(KeyAlgorithm.Rsa2048, "pss");

            var pss = Assert.IsAssignableFrom<ISchemeSelectable>(key).WithScheme(SignatureScheme.RsaPssSha256);

            Assert.True(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPssSha256, Data, pss.Sign(Data)));
            Assert.False(SignatureVerifier.Verify(key.SubjectPublicKeyInfo.Span, SignatureScheme.RsaPkcs1Sha256, Data, pss.Sign(Data)));
        }
    }
}

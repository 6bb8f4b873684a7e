using Org.BouncyCastle.Asn1.X509;
using Platform.Cryptography;
using Platform.Cryptography.Software;

namespace Platform.Tests.Cryptography;

/// <summary>RFC 5480 §2.2: the hybrid EC point forms are not permitted, even when they name the right point.</summary>
public sealed class HybridPointTests
{
    [Theory]
    [InlineData(KeyAlgorithm.EcdsaP256)]
    [InlineData(KeyAlgorithm.EcdsaP384)]
    [InlineData(KeyAlgorithm.Sm2)]
    public void Verify_SameKeyInHybridForm_ReturnsFalse(KeyAlgorithm algorithm)
    {
        using var key = SoftwareKeys.Create(algorithm);
        var message = "hybrid"u8.ToArray();
        var signature = key.Sign(message);
        var spki = key.SubjectPublicKeyInfo.ToArray();
        var point = SubjectPublicKeyInfo.GetInstance(spki).PublicKey.GetOctets();
        var offset = spki.Length - point.Length;

        // The hybrid form: 0x06 for an even Y, 0x07 for an odd one, then X and Y as before.
        var hybrid = (byte[])spki.Clone();
        hybrid[offset] = (byte)(0x06 | (point[^1] & 1));

        Assert.True(SignatureVerifier.Verify(spki, key.Scheme, message, signature));
        Assert.False(SignatureVerifier.Verify(hybrid, key.Scheme, message, signature));
    }
}

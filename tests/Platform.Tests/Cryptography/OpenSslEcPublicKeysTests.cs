using Platform.Cryptography;
using System.Security.Cryptography;

namespace Platform.Tests.Cryptography;

/// <summary>The fast EC key import must give exactly the verdicts of .NET's ordinary import.</summary>
public sealed class OpenSslEcPublicKeysTests
{
    public static TheoryData<string> Curves => new() { "nistP256", "nistP384" };

    [Theory]
    [MemberData(nameof(Curves))]
    public void TryImport_ValidKey_VerifiesLikeTheOrdinaryImport(string curve)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var spki = key.ExportSubjectPublicKeyInfo();
        var data = "message"u8.ToArray();
        var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        using var fast = OpenSslEcPublicKeys.TryImport(spki);

        Assert.NotNull(fast);
        Assert.True(fast!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.False(fast.VerifyData("other"u8, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        Assert.Equal(spki, fast.ExportSubjectPublicKeyInfo());
    }

    [Theory]
    [MemberData(nameof(Curves))]
    public void TryImport_PointOffTheCurve_IsRefusedLikeTheOrdinaryImport(string curve)
    {
        using var key = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));
        var spki = key.ExportSubjectPublicKeyInfo();
        spki[^1] ^= 0x01; // the last byte of Y: the point leaves the curve

        using var ordinary = ECDsa.Create();
        Assert.ThrowsAny<Exception>(() => ordinary.ImportSubjectPublicKeyInfo(spki, out _));
        Assert.ThrowsAny<CryptographicException>(() => OpenSslEcPublicKeys.TryImport(spki)?.Dispose());
        Assert.False(SignatureVerifier.Verify(spki, SignatureScheme.EcdsaSha256, "m"u8, new byte[70]));
    }

    [Fact]
    public void TryImport_OtherForms_FallBackToTheOrdinaryImport()
    {
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        using var rsa = RSA.Create(2048);

        Assert.Null(OpenSslEcPublicKeys.TryImport(p521.ExportSubjectPublicKeyInfo()));
        Assert.Null(OpenSslEcPublicKeys.TryImport(rsa.ExportSubjectPublicKeyInfo()));
        Assert.Null(OpenSslEcPublicKeys.TryImport([]));
    }
}

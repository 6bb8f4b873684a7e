using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Platform.Cryptography;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Tests.Cryptography;

public sealed class SignatureSchemesTests
{
    public static TheoryData<SignatureScheme> Schemes => TestKeys.AllSchemes();

    [Theory]
    [MemberData(nameof(Schemes))]
    public void TryFromAlgorithmIdentifier_EncodedIdentifierOfEveryScheme_RoundTrips(SignatureScheme scheme)
    {
        var der = scheme.AlgorithmIdentifier().GetDerEncoded();

        Assert.True(SignatureSchemes.TryFromAlgorithmIdentifier(AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(der)), out var parsed));
        Assert.Equal(scheme, parsed);
    }

    [Fact]
    public void AlgorithmIdentifier_EveryScheme_IsDistinct()
    {
        var encodings = TestKeys.Schemes.Select(s => Convert.ToHexString(s.AlgorithmIdentifier().GetDerEncoded())).ToList();

        Assert.Equal(encodings.Count, encodings.Distinct().Count());
    }

    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1Sha256, "300D06092A864886F70D01010B0500")]
    // The PSS encodings are OpenSSL's (openssl req -x509 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest).
    [InlineData(SignatureScheme.RsaPssSha256, "304106092A864886F70D01010A3034A00F300D06096086480165030402010500A11C301A06092A864886F70D010108300D06096086480165030402010500A203020120")]
    [InlineData(SignatureScheme.RsaPssSha384, "304106092A864886F70D01010A3034A00F300D06096086480165030402020500A11C301A06092A864886F70D010108300D06096086480165030402020500A203020130")]
    [InlineData(SignatureScheme.RsaPssSha512, "304106092A864886F70D01010A3034A00F300D06096086480165030402030500A11C301A06092A864886F70D010108300D06096086480165030402030500A203020140")]
    [InlineData(SignatureScheme.EcdsaSha256, "300A06082A8648CE3D040302")]
    [InlineData(SignatureScheme.EcdsaSha384, "300A06082A8648CE3D040303")]
    [InlineData(SignatureScheme.Ed25519, "300506032B6570")]
    [InlineData(SignatureScheme.Sm2Sm3, "300A06082A811CCF55018375")]
    public void AlgorithmIdentifier_Scheme_IsTheStandardEncoding(SignatureScheme scheme, string der)
    {
        Assert.Equal(der, Convert.ToHexString(scheme.AlgorithmIdentifier().GetDerEncoded()));
    }

    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1Sha256)]
    [InlineData(SignatureScheme.RsaPkcs1Sha384)]
    [InlineData(SignatureScheme.RsaPkcs1Sha512)]
    [InlineData(SignatureScheme.EcdsaSha256)]
    [InlineData(SignatureScheme.EcdsaSha384)]
    public void AlgorithmIdentifier_RsaPkcs1OrEcdsaScheme_MatchesDotNetsEncoding(SignatureScheme scheme)
    {
        Assert.Equal(Convert.ToHexString(DotNetAlgorithmIdentifier(scheme)), Convert.ToHexString(scheme.AlgorithmIdentifier().GetDerEncoded()));
    }

    [Theory]
    [InlineData(SignatureScheme.RsaPkcs1Sha256)]
    [InlineData(SignatureScheme.RsaPkcs1Sha384)]
    [InlineData(SignatureScheme.RsaPkcs1Sha512)]
    [InlineData(SignatureScheme.RsaPssSha256)]
    [InlineData(SignatureScheme.RsaPssSha384)]
    [InlineData(SignatureScheme.RsaPssSha512)]
    [InlineData(SignatureScheme.EcdsaSha256)]
    [InlineData(SignatureScheme.EcdsaSha384)]
    public void TryFromAlgorithmIdentifier_DotNetsEncoding_IsRecognised(SignatureScheme scheme)
    {
        // .NET omits the NULL parameters of the hash identifiers inside RSASSA-PSS-params;
        // RFC 4055 section 2.1 makes both forms equivalent.
        var identifier = AlgorithmIdentifier.GetInstance(Asn1Object.FromByteArray(DotNetAlgorithmIdentifier(scheme)));

        Assert.True(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out var parsed));
        Assert.Equal(scheme, parsed);
    }

    public static TheoryData<string> UnsupportedAlgorithms => [
        PkcsObjectIdentifiers.Sha1WithRsaEncryption.Id,
        PkcsObjectIdentifiers.MD5WithRsaEncryption.Id,
        X9ObjectIdentifiers.ECDsaWithSha1.Id,
        X9ObjectIdentifiers.ECDsaWithSha512.Id,
        "1.3.101.113", // Ed448
        PkcsObjectIdentifiers.RsaEncryption.Id];

    [Theory]
    [MemberData(nameof(UnsupportedAlgorithms))]
    public void TryFromAlgorithmIdentifier_UnsupportedAlgorithm_ReturnsFalse(string oid)
    {
        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(new AlgorithmIdentifier(new DerObjectIdentifier(oid)), out _));
    }

    public static TheoryData<string, string, string, int> OtherPssParameters => new()
    {
        { "salt length of SHA-1", NistObjectIdentifiers.IdSha256.Id, NistObjectIdentifiers.IdSha256.Id, 20 },
        { "salt length of another hash", NistObjectIdentifiers.IdSha256.Id, NistObjectIdentifiers.IdSha256.Id, 64 },
        { "MGF1 with another hash", NistObjectIdentifiers.IdSha256.Id, OiwObjectIdentifiers.IdSha1.Id, 32 },
        { "SHA-1", OiwObjectIdentifiers.IdSha1.Id, OiwObjectIdentifiers.IdSha1.Id, 20 },
        { "SHA-224", NistObjectIdentifiers.IdSha224.Id, NistObjectIdentifiers.IdSha224.Id, 28 },
    };

    [Theory]
    [MemberData(nameof(OtherPssParameters))]
    public void TryFromAlgorithmIdentifier_PssWithParametersWeDoNotProduce_ReturnsFalse(string label, string hash, string mgfHash, int salt)
    {
        Assert.NotEmpty(label);
        var identifier = Pss(
            new AlgorithmIdentifier(new DerObjectIdentifier(hash), DerNull.Instance),
            new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, new AlgorithmIdentifier(new DerObjectIdentifier(mgfHash), DerNull.Instance)),
            DerInteger.ValueOf(salt));

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    [Fact]
    public void TryFromAlgorithmIdentifier_PssWithDefaultParameters_ReturnsFalse()
    {
        // An empty RSASSA-PSS-params sequence means SHA-1, MGF1-SHA-1, salt 20 (RFC 4055).
        var identifier = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, DerSequence.Empty);

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    [Fact]
    public void TryFromAlgorithmIdentifier_PssWithAnotherMaskGenerator_ReturnsFalse()
    {
        var sha256 = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance);
        var identifier = Pss(sha256, new AlgorithmIdentifier(new DerObjectIdentifier("1.2.3.4"), sha256), DerInteger.ValueOf(32));

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    [Fact]
    public void TryFromAlgorithmIdentifier_PssWithNullParameters_ReturnsFalse()
    {
        var identifier = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss, DerNull.Instance);

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    [Fact]
    public void TryFromAlgorithmIdentifier_PssWithoutParameters_ReturnsFalse()
    {
        var identifier = new AlgorithmIdentifier(PkcsObjectIdentifiers.IdRsassaPss);

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    [Fact]
    public void TryFromAlgorithmIdentifier_PssWithHugeSaltLength_ReturnsFalse()
    {
        var sha256 = new AlgorithmIdentifier(NistObjectIdentifiers.IdSha256, DerNull.Instance);
        var identifier = Pss(sha256, new AlgorithmIdentifier(PkcsObjectIdentifiers.IdMgf1, sha256), new DerInteger(Org.BouncyCastle.Math.BigInteger.One.ShiftLeft(70)));

        Assert.False(SignatureSchemes.TryFromAlgorithmIdentifier(identifier, out _));
    }

    private static byte[] DotNetAlgorithmIdentifier(SignatureScheme scheme)
    {
        if (scheme is SignatureScheme.EcdsaSha256 or SignatureScheme.EcdsaSha384)
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return X509SignatureGenerator.CreateForECDsa(ecdsa).GetSignatureAlgorithmIdentifier(scheme.HashAlgorithm());
        }

        using var rsa = RSA.Create(2048);
        return X509SignatureGenerator.CreateForRSA(rsa, scheme.RsaPadding()).GetSignatureAlgorithmIdentifier(scheme.HashAlgorithm());
    }

    private static AlgorithmIdentifier Pss(AlgorithmIdentifier hash, AlgorithmIdentifier mask, DerInteger salt) =>
        new(PkcsObjectIdentifiers.IdRsassaPss, new RsassaPssParameters(hash, mask, salt, RsassaPssParameters.DefaultTrailerField));
}

using TestSupport;
using Pki.Ca.Issuance;
using Platform.Cryptography;
using System.Security.Cryptography;

namespace Pki.Ca.Tests.Issuance;

public sealed class CsrParserTests
{
    [Fact]
    public void Parse_EcdsaCsrWithSans_ReturnsKeyAndSans()
    {
        var (csr, error) = CsrParser.Parse(TestCsrs.Ecdsa("CN=a.example.org", null, "a.example.org", "b.example.org"));

        Assert.Null(error);
        Assert.Equal(KeyAlgorithm.EcdsaP256, csr!.Key.Algorithm);
        Assert.Equal(2, csr.SubjectAlternativeNames.Count);
        Assert.Equal("CN=a.example.org", csr.Subject.ToString());
    }

    [Theory]
    [InlineData(2048, KeyAlgorithm.Rsa2048)]
    [InlineData(3072, KeyAlgorithm.Rsa3072)]
    public void Parse_RsaCsr_ReturnsRsaKey(int bits, KeyAlgorithm expected)
    {
        var (csr, error) = CsrParser.Parse(TestCsrs.Rsa(bits));

        Assert.Null(error);
        Assert.Equal(expected, csr!.Key.Algorithm);
    }

    [Theory]
    [InlineData(null, "csr-not-pem")]
    [InlineData("", "csr-not-pem")]
    [InlineData("hello", "csr-not-pem")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "csr-not-pem")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----", "csr-malformed")]
    [InlineData("-----BEGIN CERTIFICATE REQUEST-----\nMAMCAQA=\n-----END CERTIFICATE REQUEST-----", "csr-malformed")]
    public void Parse_NotACsr_RefusesWithCode(string? input, string code)
    {
        var (csr, error) = CsrParser.Parse(input);

        Assert.Null(csr);
        Assert.Equal(code, error!.Code.Value);
    }

    [Fact]
    public void Parse_RandomDer_RefusesAsMalformed()
    {
        for (var i = 0; i < 200; i++)
        {
            var (_, error) = CsrParser.Parse(TestCsrs.Pem(RandomNumberGenerator.GetBytes(1 + (i * 7 % 900))));
            Assert.NotNull(error);
        }
    }

    [Fact]
    public void Parse_TruncatedCsr_RefusesAsMalformed()
    {
        var der = TestCsrs.Der(TestCsrs.Ecdsa());
        for (var length = 1; length < der.Length; length += 13)
        {
            var (_, error) = CsrParser.Parse(TestCsrs.Pem(der[..length]));
            Assert.Equal("csr-malformed", error!.Code.Value);
        }
    }

    [Fact]
    public void Parse_SignatureWithUnusedBits_RefusesAsMalformed()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.WithUnalignedSignature());

        Assert.Equal("csr-malformed", error!.Code.Value);
    }

    [Fact]
    public void Parse_ForgedSignature_RefusesProofOfPossession()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.WithForgedSignature());

        Assert.Equal("csr-signature-invalid", error!.Code.Value);
    }

    [Fact]
    public void Parse_SubjectAlteredAfterSigning_RefusesProofOfPossession()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.WithAlteredSubject());

        Assert.Equal("csr-signature-invalid", error!.Code.Value);
    }

    [Fact]
    public void Parse_Rsa1024_RefusesNamingTheKey()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.Rsa(1024));

        Assert.Equal("key-not-allowed", error!.Code.Value);
        Assert.Contains("RSA-1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownCurve_RefusesNamingTheCurve()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.Ecdsa(curve: ECCurve.NamedCurves.nistP521));

        Assert.Equal("key-not-allowed", error!.Code.Value);
        Assert.Contains("secp521r1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OversizedCsr_Refuses()
    {
        var (_, error) = CsrParser.Parse(TestCsrs.Pem(new byte[CsrParser.MaxDerBytes + 1]));

        Assert.Equal("csr-too-large", error!.Code.Value);
    }
}

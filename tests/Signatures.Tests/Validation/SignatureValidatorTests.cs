using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.X509;
using Signatures.Validation.Reports;

namespace Signatures.Tests.Validation;

/// <summary>Format, signer identification, digest, signature value and chain: the checks that need no time.</summary>
public sealed class SignatureValidatorTests : IDisposable
{
    private static readonly byte[] Document = "Approval 2026-117: the new bus line is granted."u8.ToArray();
    private readonly ValidatorHarness harness = new();

    private DateTimeOffset Now => harness.Clock.Now;

    [Theory]
    [InlineData("ecdsa-p256")]
    [InlineData("ecdsa-p384")]
    [InlineData("rsa")]
    [InlineData("rsa-pss")]
    [InlineData("ed25519")]
    [InlineData("sm2")]
    public async Task ValidateAsync_CadesSignatureOfEachAlgorithm_IsTotalPassed(string algorithm)
    {
        var (pair, name) = algorithm switch
        {
            "ecdsa-p256" => TestKeys.Ecdsa(),
            "ecdsa-p384" => TestKeys.EcdsaP384(),
            "rsa" => TestKeys.Rsa(),
            "rsa-pss" => TestKeys.Rsa(pss: true),
            "ed25519" => TestKeys.Ed25519(),
            _ => TestKeys.Sm2(),
        };
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1));
        var signed = WithGoodCrl(TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], Now));

        var report = await harness.ValidateAsync(signed.GetEncoded());

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
        Assert.Equal("B-B", report.Level);
        Assert.Equal(CertificateSerial(certificate), report.Signer!.SerialNumber);
        Assert.Single(report.Signatures);
    }

    [Fact]
    public async Task ValidateAsync_DetachedWithItsContent_IsTotalPassed()
    {
        var signed = WithGoodCrl(Sign(detached: true));

        var report = await harness.ValidateAsync(signed.GetEncoded(), Document);

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
    }

    [Fact]
    public async Task ValidateAsync_DetachedWithoutContent_IsSignedDataNotFound()
    {
        var report = await harness.ValidateAsync(WithGoodCrl(Sign(detached: true)).GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.SignedDataNotFound);
    }

    [Fact]
    public async Task ValidateAsync_DetachedWithOtherContent_IsHashFailure()
    {
        var report = await harness.ValidateAsync(WithGoodCrl(Sign(detached: true)).GetEncoded(), "Approval 2026-117: the new bus line is refused."u8.ToArray());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.HashFailure);
    }

    [Fact]
    public async Task ValidateAsync_EncapsulatedWithOtherContentGiven_IsHashFailure()
    {
        var report = await harness.ValidateAsync(WithGoodCrl(Sign()).GetEncoded(), "something else"u8.ToArray());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.HashFailure);
    }

    [Fact]
    public async Task ValidateAsync_ForgedSignatureByte_IsSigCryptoFailure()
    {
        var forged = TestSignatures.WithSignerInfo(WithGoodCrl(Sign()), TestSignatures.Forged);

        var report = await harness.ValidateAsync(forged.GetEncoded());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.SigCryptoFailure);
    }

    [Fact]
    public async Task ValidateAsync_CertificateSwappedForAnotherOfTheSameKey_IsNoSigningCertificateFound()
    {
        // The sid is not signed: an attacker can point it at another certificate of the same key
        // (another name, other rights); only signingCertificateV2 ties the signature to the original.
        var (pair, name) = TestKeys.Ecdsa();
        var original = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1), "CN=Clerk");
        var other = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1), "CN=Director");
        var signed = WithGoodCrl(TestSignatures.Sign(Document, pair.Private, name, original, [harness.Pki.Issuing], Now));
        var swapped = TestSignatures.WithSignerInfo(signed, info => new Org.BouncyCastle.Asn1.Cms.SignerInfo(
            new Org.BouncyCastle.Asn1.Cms.SignerIdentifier(new Org.BouncyCastle.Asn1.Cms.IssuerAndSerialNumber(other.IssuerDN, other.SerialNumber)),
            info.DigestAlgorithm, info.SignedAttrs, info.SignatureAlgorithm, info.Signature, info.UnsignedAttrs), [other, harness.Pki.Issuing]);

        var report = await harness.ValidateAsync(swapped.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoSigningCertificateFound);
        Assert.Contains("swapped", report.Checks.Single(c => c.Name == "signing-certificate").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_SignerCertificateNotInSignature_IsNoSigningCertificateFound()
    {
        var signed = TestSignatures.WithCertificates(WithGoodCrl(Sign()), [harness.Pki.Issuing]);

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoSigningCertificateFound);
    }

    [Fact]
    public async Task ValidateAsync_WithoutSigningCertificateAttribute_IsNoSigningCertificateFound()
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1));
        var signed = TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], Now, signingCertificate: false);

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoSigningCertificateFound);
    }

    [Fact]
    public async Task ValidateAsync_SelfSignedSigner_IsNoCertificateChainFound()
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = TestPki.SelfSigned(pair, name, Now.AddDays(-1), Now.AddYears(1));
        var signed = TestSignatures.Sign(Document, pair.Private, name, certificate, [], Now);

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoCertificateChainFound);
    }

    [Fact]
    public async Task ValidateAsync_IssuingCaMissing_IsNoCertificateChainFound()
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1));
        var signed = TestSignatures.Sign(Document, pair.Private, name, certificate, [], Now);

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoCertificateChainFound);
    }

    [Fact]
    public async Task ValidateAsync_SignerKeyUsageWithoutSigning_IsChainConstraintsFailure()
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1), keyUsage: KeyUsage.KeyEncipherment);
        var signed = WithGoodCrl(TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], Now));

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.ChainConstraintsFailure);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public async Task ValidateAsync_Truncated_IsFormatFailure(int keep)
    {
        var der = Sign().GetEncoded();

        var report = await harness.ValidateAsync(der[..Math.Min(keep, der.Length - 1)]);

        AssertVerdict(report, Indications.TotalFailed, SubIndications.FormatFailure);
        Assert.Empty(report.Signatures);
    }

    [Fact]
    public async Task ValidateAsync_Garbage_IsFormatFailure()
    {
        var report = await harness.ValidateAsync("this is not a signature at all"u8.ToArray());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.FormatFailure);
    }

    [Fact]
    public async Task ValidateAsync_DeeplyNestedDer_IsFormatFailureWithoutExhaustingTheStack()
    {
        var nested = new List<byte>();
        for (var i = 0; i < 50_000; i++)
        {
            nested.Add(0x30);
            nested.Add(0x80);
        }

        var report = await harness.ValidateAsync([.. nested]);

        AssertVerdict(report, Indications.TotalFailed, SubIndications.FormatFailure);
    }

    [Fact]
    public async Task ValidateAsync_DerOfAnotherType_IsFormatFailure()
    {
        var report = await harness.ValidateAsync(harness.Pki.Root.GetEncoded());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.FormatFailure);
    }

    [Fact]
    public async Task ValidateAsync_TwoSigners_ReportsEachAndTheWorstAtTheTop()
    {
        var good = Sign();
        var (pair, name) = TestKeys.Ecdsa();
        var untrusted = TestPki.SelfSigned(pair, name, Now.AddDays(-1), Now.AddYears(1));
        var other = TestSignatures.Sign(Document, pair.Private, name, untrusted, [], Now);

        var report = await harness.ValidateAsync(WithGoodCrl(TestSignatures.Combined(good, other)).GetEncoded());

        Assert.Equal(2, report.Signatures.Count);
        Assert.Contains(report.Signatures, s => s.Indication == Indications.TotalPassed);
        AssertVerdict(report, Indications.Indeterminate, SubIndications.NoCertificateChainFound);
    }

    [Fact]
    public async Task ValidateAsync_EveryByteAltered_AnswersAReportNeverAnException()
    {
        // Each position of a B-T signature with revocation data altered once: whatever the byte
        // lands in (a length, a tag, an OID, a time, a certificate), the answer is a report.
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1));
        var signed = TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], Now);
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, Now.AddMinutes(1));
        var der = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(Now)], [harness.Pki.Ocsp(certificate, Now)]).GetEncoded();
        var random = new Random(20261207);

        for (var position = 0; position < der.Length; position++)
        {
            var altered = (byte[])der.Clone();
            altered[position] ^= (byte)random.Next(1, 256);

            var report = await harness.ValidateAsync(altered);

            Assert.NotNull(report.Indication);
        }
    }

    public void Dispose() => harness.Dispose();

    internal static void AssertVerdict(ValidationReport report, string indication, string subIndication)
    {
        Assert.True(report.Indication == indication && report.SubIndication == subIndication, Describe(report));
    }

    internal static string Describe(ValidationReport report) =>
        $"{report.Indication} {report.SubIndication}: " + string.Join("; ", report.Checks.Select(c => $"{c.Name} {c.Status} {c.Detail}"));

    private static string CertificateSerial(X509Certificate certificate) => certificate.SerialNumber.ToString(16);

    private CmsSignedData Sign(bool detached = false)
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, Now.AddDays(-1), Now.AddYears(1));
        return TestSignatures.Sign(Document, pair.Private, name, certificate, [harness.Pki.Issuing], Now, detached);
    }

    /// <summary>The signature with a current CRL of the issuing CA that lists nobody, so its revocation status is known.</summary>
    private CmsSignedData WithGoodCrl(CmsSignedData signed) =>
        TestSignatures.WithRevocationData(signed, [harness.Pki.Crl(Now)], []);
}

using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Signatures.Validation.Reports;
using static Signatures.Tests.Validation.SignatureValidatorTests;
using CmsAttribute = Org.BouncyCastle.Asn1.Cms.Attribute;

namespace Signatures.Tests.Validation;

/// <summary>
/// Revocation and validity at the right time: the signature time-stamp's genTime is the proof of
/// existence; without one, the validation time (the clock) is all there is.
/// </summary>
public sealed class SignatureValidatorTimeTests : IDisposable
{
    private static readonly byte[] Document = "Permit 88/2026 for the market square."u8.ToArray();
    private readonly ValidatorHarness harness = new();

    private DateTimeOffset T0 => harness.Pki.Start;

    [Fact]
    public async Task ValidateAsync_TimeStampedAndRevokedAfterIt_IsTotalPassed()
    {
        var (signed, certificate) = Signed();
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, T0.AddMinutes(1));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
        Assert.Equal("B-LT", report.Level);
        Assert.True(report.Timestamp!.Valid);
        Assert.Equal(T0.AddMinutes(1), report.Timestamp.GenTime);
    }

    [Fact]
    public async Task ValidateAsync_TimeStampedAfterRevocation_IsRevoked()
    {
        var (signed, certificate) = Signed();
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, T0.AddDays(2));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.Revoked);
    }

    [Fact]
    public async Task ValidateAsync_RevokedWithoutTimeStamp_IsRevokedNoPoe()
    {
        var (signed, certificate) = Signed();
        var withCrl = TestSignatures.WithRevocationData(signed, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.RevokedNoPoe);
    }

    [Fact]
    public async Task ValidateAsync_OcspRevokedWithoutTimeStamp_IsRevokedNoPoe()
    {
        var (signed, certificate) = Signed();
        var withOcsp = TestSignatures.WithRevocationData(signed, [], [harness.Pki.Ocsp(certificate, T0.AddDays(2), revokedAt: T0.AddDays(1))]);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withOcsp.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.RevokedNoPoe);
    }

    [Fact]
    public async Task ValidateAsync_OcspGood_IsTotalPassed()
    {
        var (signed, certificate) = Signed();
        var withOcsp = TestSignatures.WithRevocationData(signed, [], [harness.Pki.Ocsp(certificate, T0)]);

        var report = await harness.ValidateAsync(withOcsp.GetEncoded());

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
        Assert.Contains("OCSP", report.Checks.Single(c => c.Name == "revocation").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateAsync_CrlNotSignedByTheIssuer_ProvesNothing()
    {
        // A CRL that names the issuer but carries another key's signature: the certificate's status stays unknown.
        var (signed, certificate) = Signed();
        var forger = new TestPki(T0);
        var withCrl = TestSignatures.WithRevocationData(signed, [forger.Crl(T0)], []);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.TryLater);
    }

    [Fact]
    public async Task ValidateAsync_NoRevocationData_IsTryLater()
    {
        var (signed, _) = Signed();

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.TryLater);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredButTimeStampedWithinValidity_IsTotalPassed()
    {
        var (signed, certificate) = Signed(notAfter: T0.AddDays(10));
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, T0.AddMinutes(1));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(1))], []);
        harness.Clock.Now = T0.AddDays(400);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        Assert.True(report.Indication == Indications.TotalPassed, Describe(report));
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithoutTimeStamp_IsOutOfBoundsNoPoe()
    {
        var (signed, _) = Signed(notAfter: T0.AddDays(10));
        harness.Clock.Now = T0.AddDays(400);

        var report = await harness.ValidateAsync(signed.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.OutOfBoundsNoPoe);
    }

    [Fact]
    public async Task ValidateAsync_ExpiredWithoutTimeStampButKnownNotRevoked_IsOutOfBoundsNotRevoked()
    {
        var (signed, _) = Signed(notAfter: T0.AddDays(10));
        var withCrl = TestSignatures.WithRevocationData(signed, [harness.Pki.Crl(T0.AddDays(9))], []);
        harness.Clock.Now = T0.AddDays(400);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.OutOfBoundsNotRevoked);
    }

    [Fact]
    public async Task ValidateAsync_TimeStampAfterExpiry_IsExpired()
    {
        var (signed, _) = Signed(notAfter: T0.AddDays(10));
        var stamped = TestSignatures.WithTimeStamp(signed, harness.Pki, T0.AddDays(20));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(21))], []);
        harness.Clock.Now = T0.AddDays(30);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.Expired);
    }

    [Fact]
    public async Task ValidateAsync_SigningTimeBeforeValidity_IsNotYetValid()
    {
        var (signed, _) = Signed(notBefore: T0.AddDays(1), signingTime: T0);
        var withCrl = TestSignatures.WithRevocationData(signed, [harness.Pki.Crl(T0.AddDays(2))], []);
        harness.Clock.Now = T0.AddDays(2);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.TotalFailed, SubIndications.NotYetValid);
    }

    [Fact]
    public async Task ValidateAsync_TimeStampOverOtherData_GivesNoProofOfExistence()
    {
        // The token is genuine but stamps something else: it proves nothing about this signature,
        // so the revocation after its genTime counts as if there were no time-stamp at all.
        var (signed, certificate) = Signed();
        var token = TestSignatures.TimeStamp(harness.Pki, "another signature"u8.ToArray(), T0.AddMinutes(1));
        var stamped = TestSignatures.WithUnsigned(signed, _ => TimeStampAttribute(token.GetEncoded()));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.RevokedNoPoe);
        Assert.False(report.Timestamp!.Valid);
        Assert.Equal(CheckStatus.Failed, report.Checks.Single(c => c.Name == "signature-time-stamp").Status);
    }

    [Fact]
    public async Task ValidateAsync_TimeStampWithAlteredGenTime_GivesNoProofOfExistence()
    {
        var (signed, certificate) = Signed();
        var token = TestSignatures.TimeStamp(harness.Pki, signed.GetSignerInfos().GetSigners().Single().GetSignature(), T0.AddDays(2));
        var altered = AlterGenTime(token.GetEncoded(), T0.AddDays(2), T0.AddMinutes(1));
        var stamped = TestSignatures.WithUnsigned(signed, _ => TimeStampAttribute(altered));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.RevokedNoPoe);
        Assert.False(report.Timestamp!.Valid);
    }

    [Fact]
    public async Task ValidateAsync_TimeStampByUntrustedTsa_GivesNoProofOfExistence()
    {
        // A well-made token from a TSA whose root nobody here trusts.
        var (signed, certificate) = Signed();
        var impostor = new TestPki(T0);
        var stamped = TestSignatures.WithTimeStamp(signed, impostor, T0.AddMinutes(1));
        var withCrl = TestSignatures.WithRevocationData(stamped, [harness.Pki.Crl(T0.AddDays(2), (certificate, T0.AddDays(1)))], []);
        harness.Clock.Now = T0.AddDays(3);

        var report = await harness.ValidateAsync(withCrl.GetEncoded());

        AssertVerdict(report, Indications.Indeterminate, SubIndications.RevokedNoPoe);
        Assert.Contains("trust anchor", report.Checks.Single(c => c.Name == "signature-time-stamp").Detail, StringComparison.Ordinal);
    }

    public void Dispose() => harness.Dispose();

    internal static CmsAttribute TimeStampAttribute(byte[] token) =>
        new(PkcsObjectIdentifiers.IdAASignatureTimeStampToken, new DerSet(Asn1Object.FromByteArray(token)));

    /// <summary>The token with one genTime's GeneralizedTime replaced by another of the same length: the TSA's signature no longer covers it.</summary>
    private static byte[] AlterGenTime(byte[] token, DateTimeOffset from, DateTimeOffset to)
    {
        var old = System.Text.Encoding.ASCII.GetBytes(from.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var replacement = System.Text.Encoding.ASCII.GetBytes(to.UtcDateTime.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
        var at = token.AsSpan().IndexOf(old);
        Assert.True(at >= 0);
        var altered = (byte[])token.Clone();
        replacement.CopyTo(altered, at);
        return altered;
    }

    private (CmsSignedData Signed, X509Certificate Certificate) Signed(DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, DateTimeOffset? signingTime = null)
    {
        var (pair, name) = TestKeys.Ecdsa();
        var certificate = harness.Pki.Signer(pair.Public, notBefore ?? T0.AddDays(-1), notAfter ?? T0.AddYears(1));
        return (TestSignatures.Sign(Document, (AsymmetricKeyParameter)pair.Private, name, certificate, [harness.Pki.Issuing], signingTime ?? T0), certificate);
    }
}

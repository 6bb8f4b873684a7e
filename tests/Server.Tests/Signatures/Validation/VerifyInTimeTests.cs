using Org.BouncyCastle.Cms;

namespace Server.Tests.Signatures.Validation;

/// <summary>
/// Revocation and expiry on the running platform: OpenSSL signatures time-stamped by the
/// platform's TSA, certificates revoked by its CA, revocation data fetched from it, on a clock the
/// tests move. Each test has a platform of its own: OpenSSL's signing time is the real one, and
/// a clock moved by an earlier test would put it before the validity of every later certificate.
/// </summary>
public sealed class VerifyInTimeTests
{
    [Fact]
    public async Task Verify_TimeStampedThenRevoked_IsTotalPassed()
    {
        await using var fixture = await VerificationFixture.StartAsync();
        var signer = await fixture.SignerAsync();
        var stamped = await fixture.TimeStampAsync(await fixture.OpenSslSignAsync(signer));
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.RevokeAsync(signer.SerialNumber);

        var answer = await fixture.VerifyAsync(stamped);

        ReportAssert.Verdict(answer, "TOTAL-PASSED");
        Assert.Equal("B-T", answer.Body.GetProperty("level").GetString());
        Assert.True(answer.Body.GetProperty("timestamp").GetProperty("valid").GetBoolean());
        Assert.Contains("after the time-stamp", ReportAssert.Check(answer.Body, "revocation").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RevokedThenTimeStamped_IsRevoked()
    {
        await using var fixture = await VerificationFixture.StartAsync();
        var signer = await fixture.SignerAsync();
        var signature = await fixture.OpenSslSignAsync(signer);
        await fixture.RevokeAsync(signer.SerialNumber);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        var stamped = await fixture.TimeStampAsync(signature);

        var answer = await fixture.VerifyAsync(stamped);

        ReportAssert.Verdict(answer, "TOTAL-FAILED", "REVOKED");
    }

    [Fact]
    public async Task Verify_RevokedWithoutTimeStamp_IsRevokedNoPoe()
    {
        await using var fixture = await VerificationFixture.StartAsync();
        var signer = await fixture.SignerAsync();
        var signature = await fixture.OpenSslSignAsync(signer);
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.RevokeAsync(signer.SerialNumber);

        var answer = await fixture.VerifyAsync(signature);

        ReportAssert.Verdict(answer, "INDETERMINATE", "REVOKED_NO_POE");
    }

    [Fact]
    public async Task Verify_ForgedTimeStampThenRevoked_IsJudgedWithoutProofOfExistence()
    {
        await using var fixture = await VerificationFixture.StartAsync();
        var signer = await fixture.SignerAsync();
        var stamped = await fixture.TimeStampAsync(await fixture.OpenSslSignAsync(signer));
        var token = new CmsSignedData(stamped).GetSignerInfos().GetSigners().Single()
            .UnsignedAttributes[Org.BouncyCastle.Asn1.Pkcs.PkcsObjectIdentifiers.IdAASignatureTimeStampToken].AttrValues[0].GetEncoded();
        var tsaSignature = new CmsSignedData(token).GetSignerInfos().GetSigners().Single().GetSignature();
        var at = stamped.AsSpan().IndexOf(tsaSignature);
        stamped[at + tsaSignature.Length - 1] ^= 0x01;
        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.RevokeAsync(signer.SerialNumber);

        var answer = await fixture.VerifyAsync(stamped);

        ReportAssert.Verdict(answer, "INDETERMINATE", "REVOKED_NO_POE");
        Assert.False(answer.Body.GetProperty("timestamp").GetProperty("valid").GetBoolean());
        Assert.Equal("failed", ReportAssert.Check(answer.Body, "signature-time-stamp").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Verify_ExpiredWithAndWithoutTimeStamp_PassesOnlyWithTheProofOfExistence()
    {
        await using var fixture = await VerificationFixture.StartAsync();
        var signer = await fixture.SignerAsync(profile: "brief-signing");
        var signature = await fixture.OpenSslSignAsync(signer);
        var stamped = await fixture.TimeStampAsync(signature);
        fixture.Clock.Advance(TimeSpan.FromDays(2));

        var withPoe = await fixture.VerifyAsync(stamped);
        var withoutPoe = await fixture.VerifyAsync(signature);

        ReportAssert.Verdict(withPoe, "TOTAL-PASSED");
        ReportAssert.Verdict(withoutPoe, "INDETERMINATE", "OUT_OF_BOUNDS_NOT_REVOKED");
    }
}

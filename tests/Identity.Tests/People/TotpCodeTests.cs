using System.Text;
using Identity.People.Totp;

namespace Identity.Tests.People;

public sealed class TotpCodeTests
{
    private static readonly byte[] Rfc6238Seed = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    // RFC 6238 Appendix B, the SHA-1 rows (8 digits).
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Compute_Rfc6238AppendixB_GivesTheRfcCode(long unixSeconds, string expected)
    {
        var step = TotpCode.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(expected, TotpCode.Compute(Rfc6238Seed, step, digits: 8));
        // The 6-digit code is the same number modulo 10^6.
        Assert.Equal(expected[2..], TotpCode.Compute(Rfc6238Seed, step));
    }

    [Fact]
    public void Match_CodeOfAdjacentStep_IsAccepted_AndFartherOnesAreNot()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1111111111);
        var step = TotpCode.StepAt(now);

        Assert.Equal(step, TotpCode.Match(Rfc6238Seed, "050471", now));
        Assert.Equal(step - 1, TotpCode.Match(Rfc6238Seed, TotpCode.Compute(Rfc6238Seed, step - 1), now));
        Assert.Equal(step + 1, TotpCode.Match(Rfc6238Seed, TotpCode.Compute(Rfc6238Seed, step + 1), now));
        Assert.Null(TotpCode.Match(Rfc6238Seed, TotpCode.Compute(Rfc6238Seed, step - 2), now));
        Assert.Null(TotpCode.Match(Rfc6238Seed, TotpCode.Compute(Rfc6238Seed, step + 2), now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("05047")]
    [InlineData("0504711")]
    [InlineData("05047a")]
    [InlineData("٠٥٠٤٧١")]
    public void Match_NotSixAsciiDigits_IsRefused(string? code)
    {
        Assert.Null(TotpCode.Match(Rfc6238Seed, code, DateTimeOffset.FromUnixTimeSeconds(1111111111)));
    }

    [Fact]
    public void Base32_EncodesRfc4648Vectors_WithoutPadding()
    {
        Assert.Equal("MZXW6YTBOI", Base32.Encode(Encoding.ASCII.GetBytes("foobar")));
        Assert.Equal("MZXW6", Base32.Encode(Encoding.ASCII.GetBytes("foo")));
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.Encode(Rfc6238Seed));
    }
}

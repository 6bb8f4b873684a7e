using Pmi.Authorization.Extensions;

namespace Pmi.Authorization.Tests.Extensions;

public sealed class ExtensionParserTests
{
    [Theory]
    [InlineData("1.0", 10000)]
    [InlineData("-1.5", -15000)]
    [InlineData("0.0001", 1)]
    [InlineData("922337203685477.5807", long.MaxValue)]
    [InlineData("-922337203685477.5808", long.MinValue)]
    public void DecimalParse_Valid_ReturnsScaledValue(string text, long scaled)
    {
        Assert.Equal(scaled, DecimalParser.Parse(text)!.Scaled);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("1.12345")]
    [InlineData("+1.0")]
    [InlineData("922337203685477.5808")]
    [InlineData("1.0 ")]
    [InlineData("1e3")]
    public void DecimalParse_Invalid_ReturnsNull(string text)
    {
        Assert.Null(DecimalParser.Parse(text));
    }

    [Theory]
    [InlineData("192.168.0.1", true, 32)]
    [InlineData("10.0.0.0/8", true, 8)]
    [InlineData("::", false, 128)]
    [InlineData("::1", false, 128)]
    [InlineData("2001:db8::/32", false, 32)]
    [InlineData("1:2:3:4:5:6:7:8", false, 128)]
    [InlineData("0.0.0.0/0", true, 0)]
    public void IpParse_Valid_ReturnsNetwork(string text, bool isV4, int prefix)
    {
        var ip = IpParser.Parse(text)!;

        Assert.Equal(isV4, ip.IsV4);
        Assert.Equal(prefix, ip.Prefix);
    }

    [Theory]
    [InlineData("256.0.0.1")]
    [InlineData("01.2.3.4")]
    [InlineData("1.2.3")]
    [InlineData("1.2.3.4/33")]
    [InlineData("1.2.3.4/08")]
    [InlineData("::ffff:1.2.3.4")]
    [InlineData("1::2::3")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("1:2:3:4:5:6:7::8")]
    [InlineData("12345::")]
    [InlineData("::/129")]
    [InlineData("1.2.3.4/8/8")]
    [InlineData("")]
    public void IpParse_Invalid_ReturnsNull(string text)
    {
        Assert.Null(IpParser.Parse(text));
    }

    [Theory]
    [InlineData("1970-01-01", 0)]
    [InlineData("1970-01-02T00:00:00Z", 86_400_000)]
    [InlineData("1970-01-01T00:00:00.001Z", 1)]
    [InlineData("1970-01-01T01:00:00+0100", 0)]
    [InlineData("1969-12-31T23:00:00-0100", 0)]
    [InlineData("2000-02-29", 951_782_400_000)]
    [InlineData("0000-02-29", -62_162_121_600_000)]
    public void DatetimeParse_Valid_ReturnsEpochMillis(string text, long millis)
    {
        Assert.Equal(millis, DatetimeParser.Parse(text)!.Millis);
    }

    [Theory]
    [InlineData("1970-1-01")]
    [InlineData("1970-13-01")]
    [InlineData("2023-02-29")]
    [InlineData("1970-01-01T24:00:00Z")]
    [InlineData("1970-01-01T00:00:60Z")]
    [InlineData("1970-01-01T00:00:00")]
    [InlineData("1970-01-01T00:00:00.1Z")]
    [InlineData("1970-01-01T00:00:00+2400")]
    [InlineData("1970-01-01T00:00:00+01:00")]
    [InlineData("1970-01-01 00:00:00Z")]
    [InlineData("1970-01-01Z")]
    public void DatetimeParse_Invalid_ReturnsNull(string text)
    {
        Assert.Null(DatetimeParser.Parse(text));
    }

    [Theory]
    [InlineData("1ms", 1)]
    [InlineData("1d2h3m4s5ms", 93_784_005)]
    [InlineData("-1h", -3_600_000)]
    [InlineData("90m", 5_400_000)]
    [InlineData("9223372036854775807ms", long.MaxValue)]
    public void DurationParse_Valid_ReturnsMillis(string text, long millis)
    {
        Assert.Equal(millis, DurationParser.Parse(text)!.Millis);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1")]
    [InlineData("h")]
    [InlineData("1h1d")]
    [InlineData("1h1h")]
    [InlineData("1.5h")]
    [InlineData("1w")]
    [InlineData("+1h")]
    [InlineData("9223372036854775808ms")]
    [InlineData("106751991167301d")]
    public void DurationParse_Invalid_ReturnsNull(string text)
    {
        Assert.Null(DurationParser.Parse(text));
    }
}

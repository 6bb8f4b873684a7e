using Signatures.Envelopes;

namespace Signatures.Tests.Envelopes;

public sealed class Base64ContentTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64")]
    [InlineData("QUJD=")]
    public void Decode_NotBase64_IsNull(string? text)
    {
        Assert.Null(Base64Content.Decode(text, 100));
    }

    [Fact]
    public void Decode_LargerThanTheLimit_IsNull()
    {
        Assert.Null(Base64Content.Decode(Convert.ToBase64String(new byte[101]), 100));
        Assert.Equal(100, Base64Content.Decode(Convert.ToBase64String(new byte[100]), 100)!.Length);
    }

    [Fact]
    public void MaxBodyBytes_FitsTheBase64OfTheLimitAndTheRest()
    {
        Assert.Equal(Convert.ToBase64String(new byte[1000]).Length + 50, EnvelopeEndpoints.MaxBodyBytes(1000, 50));
    }
}

using Signatures.Validation.Cms;

namespace Signatures.Tests.Validation.Cms;

public sealed class BerGuardTests
{
    [Theory]
    [InlineData("3000")]                 // empty SEQUENCE, DER
    [InlineData("30800000")]             // empty SEQUENCE, indefinite length
    [InlineData("30800201013080040000000000")] // nested indefinite lengths
    [InlineData("3006020101020102")]     // definite, two INTEGERs
    [InlineData("a0800201010000")]       // context tag, indefinite
    public void IsWellFormed_Ber_Accepts(string hex) => Assert.True(BerGuard.IsWellFormed(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("")]                     // nothing
    [InlineData("30")]                   // no length
    [InlineData("3004020101")]           // content shorter than the length
    [InlineData("30000500")]             // trailing element
    [InlineData("308002010100")]         // end-of-contents cut short
    [InlineData("3080020101")]           // end-of-contents missing
    [InlineData("0280")]                 // primitive with indefinite length
    [InlineData("3004308000000000")]     // indefinite child overruns its definite parent
    [InlineData("3085ffffffffff")]       // length of five octets
    public void IsWellFormed_Malformed_Refuses(string hex) => Assert.False(BerGuard.IsWellFormed(Convert.FromHexString(hex)));

    [Fact]
    public void IsWellFormed_NestedDeeperThanTheLimit_Refuses()
    {
        var deep = Enumerable.Repeat<byte[]>([0x30, 0x80], BerGuard.MaxDepth + 1).SelectMany(b => b)
            .Concat(Enumerable.Repeat<byte>(0, 2 * (BerGuard.MaxDepth + 1))).ToArray();
        var limit = Enumerable.Repeat<byte[]>([0x30, 0x80], BerGuard.MaxDepth).SelectMany(b => b)
            .Concat(Enumerable.Repeat<byte>(0, 2 * BerGuard.MaxDepth)).ToArray();

        Assert.False(BerGuard.IsWellFormed(deep));
        Assert.True(BerGuard.IsWellFormed(limit));
    }
}

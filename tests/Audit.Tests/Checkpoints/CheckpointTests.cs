using Audit.Checkpoints;
using Audit.Merkle;

namespace Audit.Tests.Checkpoints;

public sealed class CheckpointTests
{
    private static readonly byte[] Root = Rfc6962.HashLeaf("root"u8);

    [Fact]
    public void ToBody_WithExtension_FormatsC2spLines()
    {
        var checkpoint = new Checkpoint("audit.example.gov/log", 42, Root, ["ext line"]);

        Assert.Equal(
            "audit.example.gov/log\n42\n" + Convert.ToBase64String(Root) + "\next line\n",
            checkpoint.ToBody());
    }

    [Fact]
    public void Parse_FormattedBody_RoundTrips()
    {
        var checkpoint = new Checkpoint("audit.example.gov/log", 1234567, Root, ["a", "b c"]);

        var parsed = Checkpoint.Parse(checkpoint.ToBody());

        Assert.True(parsed.IsSuccess);
        Assert.Equal(checkpoint, parsed.Value);
    }

    [Theory]
    [InlineData("origin\n42\n")]
    [InlineData("origin\n42\nAAAA\n")]
    [InlineData("origin\n042\nROOT\n")]
    [InlineData("origin\n-1\nROOT\n")]
    [InlineData("origin\n+1\nROOT\n")]
    [InlineData("origin\n 1\nROOT\n")]
    [InlineData("origin\n99999999999999999999\nROOT\n")]
    [InlineData("origin\n1\nROOT")]
    [InlineData("\n1\nROOT\n")]
    [InlineData("origin\n1\nROOT\n\n")]
    [InlineData("origin\n1\nROOT \n")]
    [InlineData("")]
    public void Parse_MalformedBody_ReturnsMalformedCheckpoint(string body)
    {
        var parsed = Checkpoint.Parse(body.Replace("ROOT", Convert.ToBase64String(Root), StringComparison.Ordinal));

        Assert.Equal(NoteError.MalformedCheckpoint, parsed.Error);
    }

    [Fact]
    public void Parse_NonCanonicalBase64Root_IsRejected()
    {
        // The last character carries two padding bits; setting them changes the spelling, not the bytes.
        var canonical = Convert.ToBase64String(Root);
        var sloppy = canonical[..^2] + (char)(canonical[^2] + 1) + "=";

        Assert.False(Checkpoint.Parse($"origin\n1\n{sloppy}\n").IsSuccess);
    }
}

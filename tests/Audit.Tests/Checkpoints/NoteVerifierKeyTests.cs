using Audit.Checkpoints;

namespace Audit.Tests.Checkpoints;

public sealed class NoteVerifierKeyTests
{
    // The key pair from the tests of Go's golang.org/x/mod/sumdb/note.
    internal const string GoVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    internal const string GoPrivateKeyBase64 = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    [Fact]
    public void Parse_GoVerifierKey_RoundTrips()
    {
        var key = NoteVerifierKey.Parse(GoVerifierKey);

        Assert.True(key.IsSuccess);
        Assert.Equal("PeterNeumann", key.Value!.Name);
        Assert.Equal(0xc74f20a3u, key.Value.KeyHash);
        Assert.Equal(GoVerifierKey, key.Value.ToString());
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", NoteError.InvalidVerifierKey)]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T", NoteError.InvalidVerifierKey)]
    [InlineData("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==", NoteError.InvalidVerifierKey)]
    [InlineData("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", NoteError.UnsupportedAlgorithm)]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", NoteError.InvalidKeyName)]
    [InlineData("+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", NoteError.InvalidKeyName)]
    [InlineData("PeterNeumann+c74f20a3", NoteError.InvalidVerifierKey)]
    [InlineData("PeterNeumann+c74f2+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW", NoteError.InvalidVerifierKey)]
    [InlineData("", NoteError.InvalidVerifierKey)]
    public void Parse_BadKey_ReturnsError(string text, NoteError expected)
    {
        var key = NoteVerifierKey.Parse(text);

        Assert.False(key.IsSuccess);
        Assert.Equal(expected, key.Error);
    }

    [Fact]
    public void Parse_HugeInput_ReturnsTooLarge()
    {
        Assert.Equal(NoteError.TooLarge, NoteVerifierKey.Parse(new string('a', 100_000)).Error);
    }
}

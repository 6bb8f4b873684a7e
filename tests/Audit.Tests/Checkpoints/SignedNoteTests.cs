using System.Text;
using Audit.Checkpoints;

namespace Audit.Tests.Checkpoints;

public sealed class SignedNoteTests
{
    private const string GoText =
        "If you think cryptography is the answer to your problem,\n" +
        "then you don't know what your problem is.\n";

    private const string GoSignatureLine =
        "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void SignNote_GoTestKey_MatchesGoSignatureExactly()
    {
        using var key = TestEd25519Key.FromSeed(Convert.FromBase64String(NoteVerifierKeyTests.GoPrivateKeyBase64).AsSpan(1));
        var signer = new NoteSigner("PeterNeumann", key);

        var note = signer.SignNote(GoText).Format();

        Assert.Equal(GoText + "\n" + GoSignatureLine, note);
        Assert.Equal(NoteVerifierKeyTests.GoVerifierKey, signer.VerifierKey.ToString());
    }

    [Fact]
    public void Open_GoSignedNote_Verifies()
    {
        var key = NoteVerifierKey.Parse(NoteVerifierKeyTests.GoVerifierKey).Value!;

        var opened = NoteVerifier.Open(Encoding.UTF8.GetBytes(GoText + "\n" + GoSignatureLine), [key]);

        Assert.True(opened.IsSuccess);
        Assert.Equal(GoText, opened.Value!.Text);
        Assert.Single(opened.Value.VerifiedSignatures);
    }

    [Fact]
    public void Open_UnknownSignerAlongsideKnown_KeepsItUnverified()
    {
        var key = NoteVerifierKey.Parse(NoteVerifierKeyTests.GoVerifierKey).Value!;
        var message = GoText + "\n" + "\u2014 someone.else AAAAAQID\n" + GoSignatureLine;

        var opened = NoteVerifier.Open(Encoding.UTF8.GetBytes(message), [key]);

        Assert.True(opened.IsSuccess);
        Assert.Single(opened.Value!.UnverifiedSignatures);
    }

    [Theory]
    [InlineData("text\n", NoteError.MalformedNote)]
    [InlineData("text\n\n", NoteError.MalformedNote)]
    [InlineData("text\n\n- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", NoteError.MalformedNote)]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", NoteError.MalformedNote)]
    [InlineData("text\n\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n", NoteError.MalformedNote)]
    [InlineData("text\n\n\u2014 PeterNeumann AAAA\n", NoteError.MalformedNote)]
    [InlineData("te\txt\n\n\u2014 PeterNeumann AAAAAQID\n", NoteError.InvalidText)]
    [InlineData("text\r\n\n\u2014 PeterNeumann AAAAAQID\n", NoteError.InvalidText)]
    public void Open_MalformedInput_ReturnsErrorWithoutThrowing(string message, NoteError expected)
    {
        var key = NoteVerifierKey.Parse(NoteVerifierKeyTests.GoVerifierKey).Value!;

        var opened = NoteVerifier.Open(Encoding.UTF8.GetBytes(message), [key]);

        Assert.Equal(expected, opened.Error);
    }

    [Fact]
    public void Open_InvalidUtf8_ReturnsInvalidText()
    {
        var bytes = Encoding.UTF8.GetBytes(GoText + "\n" + GoSignatureLine);
        bytes[3] = 0xFF;

        Assert.Equal(NoteError.InvalidText, NoteVerifier.Open(bytes, []).Error);
    }

    [Fact]
    public void Open_TamperedText_ReturnsInvalidSignature()
    {
        var key = NoteVerifierKey.Parse(NoteVerifierKeyTests.GoVerifierKey).Value!;
        var message = GoText.Replace("problem,", "problem;", StringComparison.Ordinal) + "\n" + GoSignatureLine;

        Assert.Equal(NoteError.InvalidSignature, NoteVerifier.Open(Encoding.UTF8.GetBytes(message), [key]).Error);
    }

    [Fact]
    public void Open_NoKnownSigner_ReturnsNoTrustedSignature()
    {
        using var other = TestEd25519Key.Generate();
        var otherKey = new NoteSigner("PeterNeumann", other).VerifierKey;

        var opened = NoteVerifier.Open(Encoding.UTF8.GetBytes(GoText + "\n" + GoSignatureLine), [otherKey]);

        Assert.Equal(NoteError.NoTrustedSignature, opened.Error);
    }

    [Fact]
    public void Open_TooManySignatures_ReturnsTooManySignatures()
    {
        var message = new StringBuilder(GoText).Append('\n');
        for (var i = 0; i < 101; i++)
        {
            message.Append(GoSignatureLine);
        }

        Assert.Equal(NoteError.TooManySignatures, NoteVerifier.Open(Encoding.UTF8.GetBytes(message.ToString()), []).Error);
    }

    [Fact]
    public void Open_OversizedMessage_ReturnsTooLarge()
    {
        var message = new byte[SignedNote.MaxSize + 1];
        Array.Fill(message, (byte)'a');

        Assert.Equal(NoteError.TooLarge, NoteVerifier.Open(message, []).Error);
    }

    [Fact]
    public void Sign_TextWithoutFinalNewline_Throws()
    {
        using var key = TestEd25519Key.Generate();
        var signer = new NoteSigner("log", key);

        Assert.Throws<ArgumentException>(() => signer.Sign("no newline"));
    }
}

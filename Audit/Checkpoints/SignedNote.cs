using System.Buffers.Binary;
using System.Text;

namespace Audit.Checkpoints;

/// <summary>
/// A C2SP signed note: the text (non-empty, each line ending in a newline), a blank line, then one
/// line per signature, <c>— name base64(keyhash ‖ signature)</c>, the dash being U+2014 EM DASH.
/// Parsing does not verify; see <see cref="NoteVerifier"/>.
/// </summary>
public sealed class SignedNote
{
    /// <summary>The largest note accepted from outside, in bytes. A checkpoint is a few hundred.</summary>
    public const int MaxSize = 64 * 1024;

    /// <summary>The most signature lines accepted in one note (the limit Go's note package uses).</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    /// <summary>Creates a note from text and signatures already made over it.</summary>
    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signatures);
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, ending in a newline.</summary>
    public string Text { get; }

    /// <summary>The signatures, in the order they appear.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Parses untrusted bytes without checking any signature.</summary>
    public static NoteResult<SignedNote> Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxSize)
        {
            return NoteResult<SignedNote>.Failure(NoteError.TooLarge);
        }

        var decoded = NoteText.TryDecode(message);
        if (decoded is null)
        {
            return NoteResult<SignedNote>.Failure(NoteError.InvalidText);
        }

        // The signature block starts after the last blank line; the text keeps its final newline.
        var split = decoded.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return NoteResult<SignedNote>.Failure(NoteError.MalformedNote);
        }

        var text = decoded[..(split + 1)];
        var block = decoded[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            return NoteResult<SignedNote>.Failure(NoteError.MalformedNote);
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return NoteResult<SignedNote>.Failure(NoteError.TooManySignatures);
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            var signature = ParseSignatureLine(line);
            if (signature is null)
            {
                return NoteResult<SignedNote>.Failure(NoteError.MalformedNote);
            }

            signatures.Add(signature);
        }

        return NoteResult<SignedNote>.Success(new SignedNote(text, signatures));
    }

    /// <summary>Formats the note as its text, a blank line and the signature lines.</summary>
    public string Format()
    {
        var builder = new StringBuilder(Text.Length + (Signatures.Count * 120));
        builder.Append(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(FormatSignatureLine(signature)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The note as UTF-8 bytes, as served and signed.</summary>
    public byte[] ToBytes() => NoteText.StrictUtf8.GetBytes(Format());

    internal static string FormatSignatureLine(NoteSignature signature)
    {
        var payload = new byte[4 + signature.Signature.Length];
        BinaryPrimitives.WriteUInt32BigEndian(payload, signature.KeyHash);
        signature.Signature.CopyTo(payload, 4);
        return SignaturePrefix + signature.Name + " " + Convert.ToBase64String(payload);
    }

    private static NoteSignature? ParseSignatureLine(string line)
    {
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var name = rest[..space];
        var payload = NoteText.TryDecodeBase64(rest[(space + 1)..]);
        if (!NoteText.IsValidName(name) || payload is null || payload.Length < 5)
        {
            return null;
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(payload), payload[4..]);
    }
}

using System.Text;

namespace Audit.Checkpoints;

/// <summary>The lexical rules the C2SP signed-note format puts on names and text.</summary>
internal static class NoteText
{
    /// <summary>Strict UTF-8: invalid sequences and encoded surrogates are errors, not U+FFFD.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A key name: non-empty, no Unicode white space, no plus sign.</summary>
    public static bool IsValidName(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c == '+' || char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return false;
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[++i])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Decodes untrusted bytes, refusing malformed UTF-8 and every control character but newline.
    /// </summary>
    public static string? TryDecode(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 && b != (byte)'\n')
            {
                return null;
            }

            if (b == 0x7F)
            {
                return null;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="text"/> is acceptable as note text (checked before signing).</summary>
    public static bool IsValidNoteText(string text)
    {
        if (text.Length == 0 || text[^1] != '\n' || text.Contains("\n\n", StringComparison.Ordinal) || text[0] == '\n')
        {
            return false;
        }

        try
        {
            return TryDecode(StrictUtf8.GetBytes(text)) is not null;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// Decodes standard padded base64, accepting only the canonical encoding (no white space, zero
    /// padding bits) so that one value has exactly one spelling.
    /// </summary>
    public static byte[]? TryDecodeBase64(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!(c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '+' or '/' or '='))
            {
                return null;
            }
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return null;
        }

        var bytes = buffer[..written];
        return Convert.ToBase64String(bytes) == text ? bytes : null;
    }
}

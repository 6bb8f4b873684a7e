namespace Pki.Ca.Acme.Jws;

/// <summary>Base64url without padding (RFC 7515 §2), as every ACME field that carries bytes is written.</summary>
internal static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>The bytes of <paramref name="text"/>; throws <see cref="FormatException"/> when it is not unpadded base64url.</summary>
    public static byte[] Decode(string text)
    {
        if (text.Contains('=', StringComparison.Ordinal) || !System.Buffers.Text.Base64Url.IsValid(text))
        {
            throw new FormatException("Not base64url.");
        }

        return System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }

    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        try
        {
            bytes = Decode(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

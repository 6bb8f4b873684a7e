using System.Buffers.Text;

namespace Signatures.Envelopes;

/// <summary>Base64 fields of the envelope API, decoded under a size limit.</summary>
internal static class Base64Content
{
    /// <summary>Whether <paramref name="text"/> is well-formed base64.</summary>
    public static bool IsBase64(string text) => Base64.IsValid(text);

    /// <summary>The bytes of <paramref name="text"/>; null when it is missing, empty, not base64, or decodes to more than <paramref name="maxBytes"/>.</summary>
    public static byte[]? Decode(string? text, int maxBytes)
    {
        if (text is not { Length: > 0 } || !Base64.IsValid(text, out var length) || length == 0 || length > maxBytes)
        {
            return null;
        }

        return Convert.FromBase64String(text);
    }
}

using System.Globalization;

namespace Audit.Endpoints;

/// <summary>Parses untrusted query values strictly: one spelling per value, nothing silently clamped.</summary>
internal static class QueryValues
{
    // Entry indexes are JSON integers in the canonical encoding, so they stay within 2^53 − 1.
    public const long MaxIndex = (1L << 53) - 1;

    /// <summary>A non-negative decimal integer without sign, spaces or leading zeros.</summary>
    public static bool TryParseIndex(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 16 || (text.Length > 1 && text[0] == '0') || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= MaxIndex;
    }

    /// <summary>An ISO 8601 / RFC 3339 time with a date; without an offset it is taken as UTC.</summary>
    public static bool TryParseTime(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out value)
        && text!.Length <= 64;
}

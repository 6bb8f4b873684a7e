namespace Pmi.Authorization.Endpoints;

/// <summary>Serial numbers as the platform stores them: lowercase hex without leading zeros.</summary>
internal static class Serials
{
    public static string Normalize(string serial) => serial.Trim().ToLowerInvariant().TrimStart('0');

    /// <summary>Positive and at most 20 octets (RFC 5280 §4.1.2.2).</summary>
    public static bool IsValid(string normalized) => normalized.Length is > 0 and <= 40 && normalized.All(char.IsAsciiHexDigit);
}

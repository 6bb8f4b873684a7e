namespace Identity.People;

/// <summary>Certificate serial numbers as the platform keeps them: lowercase hex without leading zeros.</summary>
internal static class Serials
{
    /// <summary>The serial as stored, or null when it is not a positive number of at most 20 octets (RFC 5280 §4.1.2.2).</summary>
    public static string? Normalize(string serial)
    {
        var normalized = serial.Trim().ToLowerInvariant().TrimStart('0');
        return normalized.Length is > 0 and <= 40 && normalized.All(char.IsAsciiHexDigit) ? normalized : null;
    }
}

using System.Globalization;

namespace Identity.People.Passwords;

/// <summary>
/// The PHC string format of an Argon2id hash, as the reference implementation writes it:
/// <c>$argon2id$v=19$m=19456,t=2,p=1$&lt;salt&gt;$&lt;hash&gt;</c>, salt and hash in base64 without padding.
/// </summary>
internal static class PhcString
{
    private const string Prefix = "$argon2id$v=19$";

    // Bounds on what is read back: a stored string cannot make a sign-in allocate without limit.
    private const int MaxMemoryKiB = 4 * 1024 * 1024;

    public static string Format(Argon2idParameters parameters, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> hash) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Prefix}m={parameters.MemoryKiB},t={parameters.Iterations},p={parameters.Parallelism}${Unpadded(salt)}${Unpadded(hash)}");

    public static bool TryParse(string? text, out Argon2idParameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = default;
        salt = hash = [];
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3 || parts[0].Split(',') is not [var m, var t, var p]
            || !TryNumber(m, "m=", out var memory) || !TryNumber(t, "t=", out var iterations) || !TryNumber(p, "p=", out var lanes)
            || memory > MaxMemoryKiB || iterations > 100 || lanes > 64 || memory < 8 * lanes
            || !TryUnpadded(parts[1], out salt) || salt.Length < 8 || !TryUnpadded(parts[2], out hash) || hash.Length is < 16 or > 64)
        {
            return false;
        }

        parameters = new Argon2idParameters(memory, iterations, lanes);
        return true;
    }

    private static bool TryNumber(string part, string name, out int value)
    {
        value = 0;
        return part.StartsWith(name, StringComparison.Ordinal)
            && int.TryParse(part.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
    }

    private static string Unpadded(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryUnpadded(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var padded = text + new string('=', (4 - text.Length % 4) % 4);
        var buffer = new byte[padded.Length * 3 / 4];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        bytes = buffer[..written];
        return true;
    }
}

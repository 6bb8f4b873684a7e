using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Console.Load;

/// <summary>RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits), as an authenticator app computes them, from the enrolment's otpauth URI.</summary>
internal static class Totp
{
    public static byte[] SecretOf(string otpauthUri)
    {
        var secret = Uri.UnescapeDataString(otpauthUri.Split("secret=")[1].Split('&')[0]).TrimEnd('=');
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in secret)
        {
            buffer = (buffer << 5) | alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }

    public static long StepNow() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        var hash = HMACSHA1.HashData(secret, counter);
        var offset = hash[^1] & 0x0f;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}

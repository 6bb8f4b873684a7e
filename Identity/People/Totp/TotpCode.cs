using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;

namespace Identity.People.Totp;

/// <summary>
/// RFC 6238 time-based one-time codes over RFC 4226 HOTP with HMAC-SHA-1, 30-second steps from
/// the Unix epoch: what every authenticator app computes from an <c>otpauth://totp</c> seed.
/// </summary>
internal static class TotpCode
{
    /// <summary>Seconds per time step (RFC 6238 X).</summary>
    public const int StepSeconds = 30;

    /// <summary>Digits of a code.</summary>
    public const int Digits = 6;

    /// <summary>The bytes of a new seed: 160 bits, the length RFC 4226 §4 recommends.</summary>
    public const int SecretBytes = 20;

    /// <summary>The time step <paramref name="time"/> falls in (RFC 6238 T).</summary>
    public static long StepAt(DateTimeOffset time) => Math.DivRem(time.ToUnixTimeSeconds(), StepSeconds, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The code of <paramref name="step"/>, zero-padded to <paramref name="digits"/> digits.</summary>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = Digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[HMACSHA1.HashSizeInBytes];
        HMACSHA1.HashData(secret, counter, mac);
        // RFC 4226 §5.3 dynamic truncation.
        var offset = mac[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac[offset..]) & 0x7fffffff;
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The step of the window (the current step and one either side, for clocks a little apart)
    /// whose code <paramref name="code"/> is, or null. Every step is compared, in constant time,
    /// so the answer time does not tell which one matched.
    /// </summary>
    public static long? Match(ReadOnlySpan<byte> secret, string? code, DateTimeOffset now)
    {
        if (code is not { Length: Digits } || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var current = StepAt(now);
        long? matched = null;
        for (var step = current - 1; step <= current + 1; step++)
        {
            var expected = System.Text.Encoding.ASCII.GetBytes(Compute(secret, step));
            if (CryptographicOperations.FixedTimeEquals(expected, System.Text.Encoding.ASCII.GetBytes(code)))
            {
                matched ??= step;
            }
        }

        return matched;
    }
}

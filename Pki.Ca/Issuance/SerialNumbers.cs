using Org.BouncyCastle.Math;
using System.Security.Cryptography;

namespace Pki.Ca.Issuance;

/// <summary>Serial numbers: 127 random bits from the CSPRNG, positive, always 16 octets long.</summary>
internal static class SerialNumbers
{
    public static BigInteger Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        // Clear the sign bit (RFC 5280: positive) and set the next one, so the DER encoding is
        // exactly 16 octets and the hex form exactly 32 digits.
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    /// <summary>The API's form: lowercase hex without leading zeros.</summary>
    public static string ToHex(BigInteger serial) => serial.ToString(16).ToLowerInvariant();

    /// <summary>Normalises user input to the API's form; false when it is not a positive hex number of at most 20 octets.</summary>
    public static bool TryNormalize(string? text, out string serial)
    {
        serial = "";
        if (string.IsNullOrEmpty(text) || text.Length > 40 || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        var value = new BigInteger(text, 16);
        if (value.SignValue <= 0)
        {
            return false;
        }

        serial = ToHex(value);
        return true;
    }
}

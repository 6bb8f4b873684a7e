using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Pki.Tsa.Protocol;

/// <summary>
/// Token serial numbers: 16 octets, <c>0x40</c>, the genTime in milliseconds since 1970 (48 bits,
/// big-endian), then 72 random bits. Unique across restarts and nodes without coordination (the
/// random part alone exceeds the 64 bits the platform requires of serials), positive, always 32
/// hex digits, and in time order: the audit log indexes each event's target, and a B-tree
/// takes keys that arrive in order at its right edge instead of dirtying a random page per
/// token (which doubled the bytes written per time stamp).
/// </summary>
internal static class TokenSerial
{
    /// <summary>The serial's INTEGER content octets (minimal: the first octet is 0x40).</summary>
    public static byte[] Create(DateTimeOffset genTime)
    {
        var serial = new byte[16];
        serial[0] = 0x40;
        Span<byte> time = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(time, genTime.ToUnixTimeMilliseconds());
        time[2..].CopyTo(serial.AsSpan(1, 6));
        RandomNumberGenerator.Fill(serial.AsSpan(7));
        return serial;
    }
}

using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>
/// Parses Cedar ipaddr literals: dotted IPv4 or colon-hex IPv6 (no embedded IPv4), each with an
/// optional prefix length. Leading zeros are rejected where they would be ambiguous.
/// </summary>
internal static class IpParser
{
    public static IpValue? Parse(string s) => ParseV4(s) ?? ParseV6(s);

    private static IpValue? ParseV4(string s)
    {
        var parts = s.Split('/');
        if (parts.Length > 2)
        {
            return null;
        }

        var prefix = 32;
        if (parts.Length == 2 && !TryParseDecimal(parts[1], 2, 32, out prefix))
        {
            return null;
        }

        var segs = parts[0].Split('.');
        if (segs.Length != 4)
        {
            return null;
        }

        uint addr = 0;
        foreach (var seg in segs)
        {
            if (!TryParseDecimal(seg, 3, 255, out var octet))
            {
                return null;
            }

            addr = (addr << 8) | (uint)octet;
        }

        return new IpValue(addr, true, prefix);
    }

    private static IpValue? ParseV6(string s)
    {
        var parts = s.Split('/');
        if (parts.Length > 2)
        {
            return null;
        }

        var prefix = 128;
        if (parts.Length == 2 && !TryParseDecimal(parts[1], 3, 128, out prefix))
        {
            return null;
        }

        var halves = parts[0].Split("::");
        List<ushort>? segs;
        if (halves.Length == 1)
        {
            segs = ParseHexGroups(halves[0]);
        }
        else if (halves.Length == 2)
        {
            var left = ParseHexGroups(halves[0]);
            var right = ParseHexGroups(halves[1]);
            if (left is null || right is null || left.Count + right.Count >= 8)
            {
                return null;
            }

            segs = left;
            while (segs.Count + right.Count < 8)
            {
                segs.Add(0);
            }

            segs.AddRange(right);
        }
        else
        {
            return null;
        }

        if (segs is null || segs.Count != 8)
        {
            return null;
        }

        UInt128 addr = 0;
        foreach (var g in segs)
        {
            addr = (addr << 16) | g;
        }

        return new IpValue(addr, false, prefix);
    }

    private static List<ushort>? ParseHexGroups(string s)
    {
        var result = new List<ushort>(8);
        if (s.Length == 0)
        {
            return result;
        }

        foreach (var g in s.Split(':'))
        {
            if (g.Length is 0 or > 4)
            {
                return null;
            }

            var n = 0;
            foreach (var c in g)
            {
                if (!char.IsAsciiHexDigit(c))
                {
                    return null;
                }

                n = (n * 16) + Convert.ToInt32(c.ToString(), 16);
            }

            result.Add((ushort)n);
        }

        return result;
    }

    private static bool TryParseDecimal(string s, int maxDigits, int max, out int value)
    {
        value = 0;
        if (s.Length == 0 || s.Length > maxDigits || (s.Length > 1 && s[0] == '0'))
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return value <= max;
    }
}

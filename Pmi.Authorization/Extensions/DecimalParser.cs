using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>Parses Cedar decimal literals: an optional minus, digits, a dot and one to four digits.</summary>
internal static class DecimalParser
{
    public static DecimalValue? Parse(string s)
    {
        var i = 0;
        var negative = false;
        if (i < s.Length && s[i] == '-')
        {
            negative = true;
            i++;
        }

        var intStart = i;
        Int128 whole = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            whole = (whole * 10) + (s[i] - '0');
            if (whole > long.MaxValue)
            {
                return null;
            }

            i++;
        }

        if (i == intStart || i >= s.Length || s[i] != '.')
        {
            return null;
        }

        i++;
        var fracStart = i;
        long frac = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            frac = (frac * 10) + (s[i] - '0');
            i++;
        }

        var fracDigits = i - fracStart;
        if (i != s.Length || fracDigits is < 1 or > 4)
        {
            return null;
        }

        for (var k = fracDigits; k < 4; k++)
        {
            frac *= 10;
        }

        var value = (whole * 10000) + frac;
        if (negative)
        {
            value = -value;
        }

        return value < long.MinValue || value > long.MaxValue ? null : new DecimalValue((long)value);
    }
}

using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>
/// Parses Cedar duration strings: an optional minus and quantity-unit pairs in the order
/// d, h, m, s, ms, each unit at most once.
/// </summary>
internal static class DurationParser
{
    private static readonly (string Unit, long Ms)[] Units = [("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1)];

    public static DurationValue? Parse(string s)
    {
        var negative = s.StartsWith('-');
        var i = negative ? 1 : 0;
        if (i >= s.Length)
        {
            return null;
        }

        Int128 total = 0;
        var nextUnit = 0;
        while (i < s.Length)
        {
            var start = i;
            Int128 qty = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                qty = (qty * 10) + (s[i] - '0');
                if (qty > long.MaxValue)
                {
                    return null;
                }

                i++;
            }

            if (i == start || i >= s.Length)
            {
                return null;
            }

            string unit;
            if (s[i] == 'm' && i + 1 < s.Length && s[i + 1] == 's')
            {
                unit = "ms";
            }
            else
            {
                unit = s[i].ToString();
            }

            var idx = Array.FindIndex(Units, nextUnit, u => u.Unit == unit);
            if (idx < 0)
            {
                return null;
            }

            nextUnit = idx + 1;
            i += unit.Length;
            total += qty * Units[idx].Ms;
            if (total > long.MaxValue)
            {
                return null;
            }
        }

        return new DurationValue((long)(negative ? -total : total));
    }
}

using Pmi.Authorization.Values;

namespace Pmi.Authorization.Extensions;

/// <summary>
/// Parses Cedar datetime strings (<c>YYYY-MM-DD</c>, optionally followed by <c>Thh:mm:ss</c>, optional
/// <c>.SSS</c>, and <c>Z</c> or a <c>+hhmm</c>/<c>-hhmm</c> offset) to milliseconds since the epoch.
/// </summary>
internal static class DatetimeParser
{
    private const long MsPerDay = 86_400_000;

    public static DatetimeValue? Parse(string s)
    {
        if (s.Length < 10 || !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day))
        {
            return null;
        }

        if (month is < 1 or > 12 || day < 1 || day > DaysInMonth(year, month))
        {
            return null;
        }

        long millis = DaysFromCivil(year, month, day) * MsPerDay;
        if (s.Length == 10)
        {
            return new DatetimeValue(millis);
        }

        if (s.Length < 20 || s[10] != 'T' || !Digits(s, 11, 2, out var hh) || s[13] != ':' || !Digits(s, 14, 2, out var mm) || s[16] != ':' || !Digits(s, 17, 2, out var ss))
        {
            return null;
        }

        if (hh > 23 || mm > 59 || ss > 59)
        {
            return null;
        }

        millis += (hh * 3_600_000L) + (mm * 60_000L) + (ss * 1000L);
        var i = 19;
        if (s[i] == '.')
        {
            if (!Digits(s, i + 1, 3, out var ms))
            {
                return null;
            }

            millis += ms;
            i += 4;
        }

        if (i < s.Length && s[i] == 'Z' && i + 1 == s.Length)
        {
            return new DatetimeValue(millis);
        }

        if (i + 5 != s.Length || (s[i] != '+' && s[i] != '-') || !Digits(s, i + 1, 2, out var oh) || !Digits(s, i + 3, 2, out var om))
        {
            return null;
        }

        if (oh > 23 || om > 59)
        {
            return null;
        }

        var offset = (oh * 3_600_000L) + (om * 60_000L);
        millis = s[i] == '+' ? millis - offset : millis + offset;
        return new DatetimeValue(millis);
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    // Year 0 is a leap year in the proleptic Gregorian calendar, which DateTime cannot represent.
    private static int DaysInMonth(int year, int month)
    {
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        return month == 2 ? (leap ? 29 : 28) : month is 4 or 6 or 9 or 11 ? 30 : 31;
    }

    // Howard Hinnant's days-from-civil algorithm for the proleptic Gregorian calendar.
    private static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var doy = ((153 * (m + (m > 2 ? -3 : 9))) + 2) / 5 + d - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (era * 146097L) + doe - 719468;
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Platform.Http;

namespace Pki.Ca.Registration;

/// <summary>
/// The query of a list of requests or recoveries, newest first: an optional status, a page size
/// (<c>limit</c>) and a <c>cursor</c> (<c>&lt;milliseconds&gt;.&lt;id&gt;</c> of the last item of the
/// page before, as <see cref="Next"/> writes it).
/// </summary>
internal readonly record struct ListQuery<TStatus>(TStatus? Status, int Limit, (long At, string Id)? Before)
    where TStatus : struct, Enum
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The query, or the problem with it; <paramref name="statuses"/> names the statuses for the message.</summary>
    public static (ListQuery<TStatus> Query, IResult? Problem) Parse(string? status, int? limit, string? cursor, string statuses)
    {
        TStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<TStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return (default, Problems.Result(ProblemCodes.StatusInvalid, $"status is one of {statuses}."));
            }

            wanted = parsed;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return (default, Problems.Result(ProblemCodes.LimitInvalid, $"limit is between 1 and {MaxLimit}."));
        }

        (long, string)? before = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            var parts = cursor.Split('.');
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var at)
                || parts[1].Length != 32 || !parts[1].All(char.IsAsciiHexDigitLower))
            {
                return (default, Problems.Result(ProblemCodes.CursorInvalid, "cursor must be a value returned as 'next' by an earlier list."));
            }

            before = (at, parts[1]);
        }

        return (new ListQuery<TStatus>(wanted, limit ?? DefaultLimit, before), null);
    }

    /// <summary>The cursor of the page after <paramref name="count"/> items whose last is (<paramref name="at"/>, <paramref name="id"/>); null when the page was not full.</summary>
    public string? Next(int count, DateTimeOffset at, string id) => count == Limit ? $"{at.ToUnixTimeMilliseconds()}.{id}" : null;
}

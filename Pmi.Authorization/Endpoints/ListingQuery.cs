using Microsoft.AspNetCore.Http;
using Platform.Http;
using Pmi.Authorization.AttributeAuthority;

namespace Pmi.Authorization.Endpoints;

/// <summary>The query of a listing (<c>?holder=&amp;status=&amp;after=&amp;limit=</c>), checked; bad values get problem details.</summary>
internal static class ListingQuery
{
    /// <summary>The page size when <c>limit</c> is not given.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The normalized filter, status, cursor and page size, or the problem to answer.</summary>
    public static (string? Serial, string? Status, string? After, int Limit, IResult? Problem) Read(
        string? serial, string serialName, string? status, string? after, int? limit)
    {
        string? normalizedSerial = null;
        if (!string.IsNullOrEmpty(serial))
        {
            normalizedSerial = Serials.Normalize(serial);
            if (!Serials.IsValid(normalizedSerial))
            {
                return (null, null, null, 0, Problems.Result(ProblemCodes.SerialInvalid, $"{serialName} is a positive hexadecimal serial number of at most 20 octets."));
            }
        }

        if (!string.IsNullOrEmpty(status) && !AttributeCertificateQueries.Statuses.Contains(status, StringComparer.Ordinal))
        {
            return (null, null, null, 0, Problems.Result(ProblemCodes.StatusInvalid, "status is one of " + string.Join(", ", AttributeCertificateQueries.Statuses) + "."));
        }

        var cursor = string.IsNullOrEmpty(after) ? null : after.Trim().ToLowerInvariant();
        if (cursor is not null && (cursor.Length > 64 || !cursor.All(char.IsAsciiHexDigit)))
        {
            return (null, null, null, 0, Problems.Result(ProblemCodes.CursorInvalid, "after must be a value returned as 'next' by an earlier listing."));
        }

        if (limit is < 1 or > AttributeCertificateQueries.MaxPageSize)
        {
            return (null, null, null, 0, Problems.Result(ProblemCodes.LimitInvalid, $"limit is between 1 and {AttributeCertificateQueries.MaxPageSize}."));
        }

        return (normalizedSerial, string.IsNullOrEmpty(status) ? null : status, cursor, limit ?? DefaultPageSize, null);
    }
}

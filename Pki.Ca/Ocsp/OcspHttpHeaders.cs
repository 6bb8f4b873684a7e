using Microsoft.Extensions.Primitives;
using System.Globalization;

namespace Pki.Ca.Ocsp;

/// <summary>
/// The HTTP caching headers of one cacheable answer (RFC 5019 §6), formatted once rather than on
/// every response: a pre-signed answer is served many times, and only max-age changes, once a second.
/// </summary>
internal sealed class OcspHttpHeaders(OcspAnswer answer)
{
    private MaxAgeValue? cacheControl;

    public StringValues LastModified { get; } = answer.ThisUpdate.ToString("R", CultureInfo.InvariantCulture);

    public StringValues Expires { get; } = answer.NextUpdate.ToString("R", CultureInfo.InvariantCulture);

    public StringValues ETag { get; } =
        $"\"{answer.ThisUpdate.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{answer.SerialNumbers[0]}\"";

    /// <summary>Cache-Control with max-age up to shortly before nextUpdate, as seen at <paramref name="now"/>.</summary>
    public StringValues CacheControl(DateTimeOffset now)
    {
        var maxAge = Math.Max(0, (long)(answer.NextUpdate - now).TotalSeconds);
        var current = Volatile.Read(ref cacheControl);
        if (current is null || current.MaxAge != maxAge)
        {
            current = new MaxAgeValue(maxAge, $"max-age={maxAge.ToString(CultureInfo.InvariantCulture)}, public, no-transform, must-revalidate");
            Volatile.Write(ref cacheControl, current);
        }

        return current.Value;
    }

    private sealed record MaxAgeValue(long MaxAge, StringValues Value);
}

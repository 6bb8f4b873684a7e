using System.Globalization;

namespace Gateway.Routes;

/// <summary>A rate limit as a route's metadata gives it: <c>"&lt;requests&gt;/&lt;seconds&gt;"</c>, e.g. <c>600/60</c> for 600 requests a minute.</summary>
internal sealed record RateLimit(int Requests, TimeSpan Period)
{
    public static (RateLimit? Limit, string? Error) Parse(string key, string? text)
    {
        if (text is null)
        {
            return (null, null);
        }

        var parts = text.Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) && requests is >= 1 and <= 1_000_000
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 1 and <= 86_400
            ? (new RateLimit(requests, TimeSpan.FromSeconds(seconds)), null)
            : (null, $"{key} is '<requests>/<seconds>' (1 to 1,000,000 requests in 1 to 86,400 seconds), such as 600/60, not '{text}'.");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Requests}/{(int)Period.TotalSeconds}");
}

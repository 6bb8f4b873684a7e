using Microsoft.Net.Http.Headers;

namespace Server.WebConsole;

/// <summary>
/// Picks the console's language from <c>Accept-Language</c> (RFC 9110 §12.5.4): the supported
/// language with the highest quality, Chinese of any region or script as <c>zh-CN</c>, English
/// otherwise. The person's own choice in the page's switcher overrides it in their browser.
/// </summary>
internal static class ConsoleLanguage
{
    /// <summary>The languages the console has resource files for; the first is the default.</summary>
    public static readonly string[] Supported = ["en", "zh-CN"];

    public static string Negotiate(IList<StringWithQualityHeaderValue> acceptLanguage)
    {
        foreach (var range in acceptLanguage.OrderByDescending(r => r.Quality ?? 1))
        {
            if (range.Quality == 0 || range.Value.Value is not { } tag)
            {
                continue;
            }

            if (tag.Equals("zh", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
            {
                return "zh-CN";
            }

            if (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase) || tag == "*")
            {
                return "en";
            }
        }

        return Supported[0];
    }
}

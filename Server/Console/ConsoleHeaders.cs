using Microsoft.AspNetCore.Http;

namespace Server.WebConsole;

/// <summary>
/// The security headers of every console response. The policy allows only the console's own
/// scripts, styles and API calls: no inline script or style, no other origin, no framing, no
/// form posted elsewhere, so injected markup can neither run nor send data away.
/// </summary>
internal static class ConsoleHeaders
{
    /// <summary>The Content-Security-Policy of console responses.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        // Revalidated on every load (ETag), so a new version of the console is never mixed with an old module.
        headers.CacheControl = "no-cache";
    }
}

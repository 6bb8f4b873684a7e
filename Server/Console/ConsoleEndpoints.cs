using System.Text;

namespace Server.WebConsole;

/// <summary>
/// Serves the web console: <c>GET /console</c> is the application (its language negotiated), the
/// files under it are its modules, styles and resource files, and <c>GET /</c> leads to it. Only
/// on HTTPS: the sign-in needs TLS (certificates, and a bearer token must not travel in clear), so
/// a plain-HTTP visitor is redirected to the HTTPS listener when the platform has one.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>The console's address on each origin; also its OpenID Connect redirect URI.</summary>
    public const string Path = "/console";

    private const string LanguageMark = "<html lang=\"en\">";

    public static IEndpointRouteBuilder MapConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context, ConsoleListeners listeners) => RedirectToConsole(context, listeners, ""))
            .ExcludeFromDescription().AllowAnonymous();
        // A catch-all is optional: /console itself (with or without its slash) is the application.
        endpoints.MapGet(Path + "/{**file}", (string? file, HttpContext context, ConsoleListeners listeners, ConsoleAssets assets) =>
            string.IsNullOrEmpty(file) ? App(context, listeners, assets) : File(file, context, listeners, assets))
            .ExcludeFromDescription().AllowAnonymous();
        return endpoints;
    }

    private static IResult App(HttpContext context, ConsoleListeners listeners, ConsoleAssets assets)
    {
        if (!context.Request.IsHttps && listeners.HttpsPort is not null)
        {
            return RedirectToConsole(context, listeners, context.Request.QueryString.Value ?? "");
        }

        var page = assets.Find("index.html") ?? throw new InvalidOperationException("The console's index.html is not embedded in the Server assembly.");
        var language = ConsoleLanguage.Negotiate(context.Request.GetTypedHeaders().AcceptLanguage);
        var html = Encoding.UTF8.GetString(page.Bytes).Replace(LanguageMark, $"<html lang=\"{language}\">", StringComparison.Ordinal);
        ConsoleHeaders.Apply(context.Response);
        context.Response.Headers.Vary = "Accept-Language";
        return Results.Text(html, page.ContentType);
    }

    private static IResult File(string file, HttpContext context, ConsoleListeners listeners, ConsoleAssets assets)
    {
        if (!context.Request.IsHttps && listeners.HttpsPort is not null)
        {
            return RedirectToConsole(context, listeners, "");
        }

        ConsoleHeaders.Apply(context.Response);
        if (file == "index.html" || assets.Find(file) is not { } asset)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(asset.Bytes, asset.ContentType);
    }

    // The same host name the visitor used, on the HTTPS port: the name is what their browser trusts.
    private static IResult RedirectToConsole(HttpContext context, ConsoleListeners listeners, string query)
    {
        if (context.Request.IsHttps || listeners.HttpsPort is not { } port)
        {
            return Results.Redirect(Path + query);
        }

        var target = new UriBuilder(Uri.UriSchemeHttps, context.Request.Host.Host, port, Path) { Query = query.TrimStart('?') };
        return Results.Redirect(target.Uri.AbsoluteUri);
    }
}

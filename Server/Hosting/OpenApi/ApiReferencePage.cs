using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Scalar.AspNetCore;

namespace Server.Hosting.OpenApi;

/// <summary>
/// The interactive API page (Scalar), its script served from the package by this host: no font,
/// script or telemetry from elsewhere. Its Content-Security-Policy allows this host's scripts and the
/// page's own inline start-up script (by a fresh nonce), the inline styles its components set, and
/// requests to this host's listeners (the document's servers), nothing else.
/// </summary>
internal static class ApiReferencePage
{
    public static void Map(WebApplication app, string path, string documentPath)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path), page => page.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Items[ScalarOptions.NonceHttpContextItemKey] is string nonce)
                {
                    context.Response.Headers.ContentSecurityPolicy = Policy(nonce, Listeners(context));
                }

                context.Response.Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            });
            return next(context);
        }));
        app.MapScalarApiReference(path, options => options
            .WithTitle("SecurityPlatform API")
            .WithOpenApiRoutePattern(documentPath.Replace("v1", "{documentName}", StringComparison.Ordinal))
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .WithNonce());
    }

    internal static string Policy(string nonce, IEnumerable<string> listeners) =>
        $"default-src 'none'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + $"connect-src 'self' {string.Join(' ', listeners)}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static IEnumerable<string> Listeners(HttpContext context) =>
        (context.RequestServices.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [])
            .Select(a => a.TrimEnd('/'));
}

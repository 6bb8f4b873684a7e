using Platform.Security;
using Serilog;
using Serilog.Events;

namespace Server.Hosting;

/// <summary>
/// One log line per request, written when it completes: method, path (never the query string,
/// which may carry secrets), status, duration in milliseconds and the actor (the client
/// certificate's subject, else the token's subject or client id, else <c>anonymous</c>). At
/// Information; health probes and metric scrapes at Debug so they do not flood the log; server
/// errors at Error.
/// </summary>
internal static class RequestLogging
{
    public const string Template = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.000} ms for {Actor}";

    /// <summary>
    /// First in the pipeline, so that the line carries the final status (the exception handler's
    /// and status pages' too), and followed by routing, so that short-circuited endpoints (OCSP)
    /// are logged as well. The actor is read when the request completes, after authentication.
    /// </summary>
    public static void Use(WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            // The host's own logger: the static one is not this host's (see PlatformHost).
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            options.MessageTemplate = Template;
            options.IncludeQueryInRequestPath = false;
            options.GetLevel = Level;
            options.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("Actor", Actor(context));
        });
        app.UseRouting();
    }

    internal static LogEventLevel Level(HttpContext context, double elapsedMilliseconds, Exception? exception)
    {
        if (exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        var path = context.Request.Path;
        return path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    internal static string Actor(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        return user.FindFirst(PlatformClaims.CertificateSubject)?.Value
            ?? user.FindFirst("sub")?.Value
            ?? user.FindFirst("client_id")?.Value
            ?? user.Identity.Name
            ?? "anonymous";
    }
}

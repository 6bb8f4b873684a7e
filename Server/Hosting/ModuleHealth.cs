using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using System.Text.Json;

namespace Server.Hosting;

/// <summary>
/// <c>/health/live</c> (the process answers; no check runs) and <c>/health/ready</c>: every check
/// tagged <c>ready</c> (start-up, and one per hosted module, registered by the module), answered as
/// JSON with each check's status, description and duration; 503 when one is unhealthy, 200 when all
/// are healthy or degraded.
/// </summary>
internal static class ModuleHealth
{
    public const string ReadyTag = "ready";

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
    }

    /// <summary>Writes <c>{"status", "durationMs", "checks": [{"name", "status", "description", "durationMs"}]}</c>.</summary>
    internal static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        // Readiness changes from one probe to the next: no cache may answer for the platform.
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 3));
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            // Anyone may ask: an exception's message and stack go to the log (the health check service
            // logs every unhealthy result with it), the answer names only its type.
            json.WriteString("description", entry.Description ?? (entry.Exception is { } e ? $"The check failed ({e.GetType().Name})." : null));
            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 3));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}

using Serilog.Core;
using Serilog.Events;
using System.Collections.Concurrent;

namespace Server.Tests.Hosting;

/// <summary>A Serilog sink registered as a service, keeping the host's request lines whole (level and properties).</summary>
public sealed class RequestLogEvents : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> events = new();

    /// <summary>The request lines so far.</summary>
    public IReadOnlyList<LogEvent> Lines => [.. events];

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Properties.TryGetValue("SourceContext", out var source) && source.ToString().Contains("RequestLoggingMiddleware", StringComparison.Ordinal))
        {
            events.Enqueue(logEvent);
        }
    }

    /// <summary>The line of the request to <paramref name="path"/>; waits a moment, since it is written once the response completed.</summary>
    public async Task<LogEvent> ForAsync(string method, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Lines.FirstOrDefault(e => Scalar(e, "RequestMethod") == method && Scalar(e, "RequestPath") == path) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"No request line for {method} {path}; lines: {string.Join("; ", Lines.Select(l => l.RenderMessage()))}");
    }

    public static string? Scalar(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var v } ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) : null;

    public void Register(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ILogEventSink>(builder.Services, this);
}

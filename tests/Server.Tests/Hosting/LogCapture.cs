using Serilog.Core;
using Serilog.Events;
using System.Collections.Concurrent;

namespace Server.Tests.Hosting;

/// <summary>A Serilog sink registered as a service, keeping what the host logs so a test can read it.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<(LogEventLevel Level, string Message)> events = new();

    public IReadOnlyList<(LogEventLevel Level, string Message)> Events => [.. events];

    public void Emit(LogEvent logEvent) => events.Enqueue((logEvent.Level, logEvent.RenderMessage()));

    /// <summary>Registers this sink with the host being built.</summary>
    public void Register(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<ILogEventSink>(builder.Services, this);
}

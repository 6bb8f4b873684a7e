using Microsoft.Extensions.Logging;
using System.Collections.Concurrent;

namespace Audit.Tests.Export;

/// <summary>A logger provider that keeps each event id with its message, so a test can read what the exporter said.</summary>
internal sealed class CapturedExportLog : ILoggerProvider
{
    private readonly ConcurrentQueue<(int Id, string Message)> entries = new();

    public IReadOnlyList<(int Id, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(entries);

    public async Task<string> WaitForAsync(int eventId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (entries.FirstOrDefault(e => e.Id == eventId) is { Message: not null } found)
            {
                return found.Message;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no log event {eventId}; logged: {string.Join(", ", entries.Select(e => e.Id))}");
    }

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(int Id, string Message)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((eventId.Id, formatter(state, exception)));
    }
}

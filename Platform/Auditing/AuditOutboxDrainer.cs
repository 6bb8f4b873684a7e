using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Hosting;
using Platform.Storage;

namespace Platform.Auditing;

/// <summary>
/// Delivers the audit events left in module outboxes: all of them once at start, before the
/// platform serves (what a crash between a commit and its audit append left behind), then every
/// few seconds those that waited longer than a writer takes (what an unavailable trail refused).
/// </summary>
internal sealed partial class AuditOutboxDrainer(
    IDatabaseFactory databases, AuditOutbox outbox, TimeProvider time, ILogger<AuditOutboxDrainer> logger) : BackgroundService, IStartupTask
{
    /// <summary>How often the outboxes are looked at after start.</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>An event younger than this is still being delivered by the write that staged it.</summary>
    internal static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    // After every module's bootstrap, whose own writes may have left events behind.
    public int Order => int.MaxValue;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        foreach (var database in databases.Opened)
        {
            await outbox.DrainAsync(database, TimeSpan.Zero, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var database in databases.Opened)
            {
                try
                {
                    await outbox.DrainAsync(database, Grace, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The trail or the database is still unavailable: the events wait for the next pass.
                    LogDrainFailed(logger, e, database.Module);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1113, Level = LogLevel.Warning, Message = "Audit events waiting in the {Module} outbox could not be delivered yet")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception, string module);
}

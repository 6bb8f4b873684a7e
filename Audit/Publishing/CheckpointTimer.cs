using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Audit.Publishing;

/// <summary>Publishes a checkpoint every <see cref="AuditOptions.CheckpointIntervalSeconds"/> when the log grew.</summary>
internal sealed partial class CheckpointTimer(ICheckpointPublisher publisher, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<CheckpointTimer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckpointIntervalSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await publisher.PublishAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; appends are unaffected.
                    LogFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error, Message = "Audit checkpoint publication failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

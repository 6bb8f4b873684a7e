using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Audit.Publishing;

/// <summary>
/// Publishes a checkpoint every <see cref="AuditOptions.CheckpointIntervalSeconds"/> when the log
/// grew. As soon as the host has started it asks for the latest checkpoint's time-stamp token, so
/// the checkpoint published during start-up (before the TSA could answer) need not wait an interval.
/// </summary>
internal sealed partial class CheckpointTimer(CheckpointPublisher publisher, IOptions<AuditOptions> options, TimeProvider time,
    ILogger<CheckpointTimer> logger, IHostApplicationLifetime? lifetime = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckpointIntervalSeconds), time);
        try
        {
            if (lifetime is not null)
            {
                await WhenStartedAsync(lifetime, stoppingToken);
            }

            await RunOnceAsync(publisher.StampLatestAsync, stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(publisher.PublishAsync, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again; appends are unaffected.
            LogFailed(logger, e);
        }
    }

    private static async Task WhenStartedAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }

    [LoggerMessage(EventId = 3023, Level = LogLevel.Error, Message = "Audit checkpoint publication failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

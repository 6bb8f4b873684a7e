using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Crl;

/// <summary>Regenerates CRLs before their nextUpdate, so relying parties never hold an expired one.</summary>
internal sealed partial class CrlSchedule(CrlPublisher publisher, IOptions<CaOptions> options, TimeProvider time, ILogger<CrlSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.Crl.CheckIntervalSeconds), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await publisher.RefreshStaleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; CRLs stay valid for half their lifetime meanwhile.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Scheduled CRL regeneration failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pki.Ca.Ocsp;

/// <summary>
/// Keeps OCSP ready ahead of demand: re-signs cached responses a third of the way through their
/// validity (before the cache stops serving them at half) and renews responder certificates.
/// </summary>
internal sealed partial class OcspMaintenance(
    OcspResponseCache cache, OcspResponder responder, OcspResponderCertificates certificates, IOptions<CaOptions> options,
    TimeProvider time, ILogger<OcspMaintenance> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromMinutes(Math.Max(options.Value.Ocsp.ValidityMinutes / 12, 1.0 / 60));
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await certificates.RenewDueAsync(stoppingToken);
                foreach (var request in cache.Aging(1.0 / 3).ToList())
                {
                    var generation = cache.Generation;
                    cache.Replace(request, await responder.RespondAsync(request, stoppingToken), generation);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Entries still serve until half their validity; the next tick tries again.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Error, Message = "OCSP maintenance failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

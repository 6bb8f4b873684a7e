using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pmi.Authorization.Storage;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// Picks up policies or a schema stored by another node sharing the database: a cheap version check
/// every <see cref="PolicyDecisionOptions.RefreshSeconds"/>, and a reload when it moved.
/// </summary>
internal sealed class PolicyRefresh(PolicyDecisionPoint pdp, PolicyStore store, IOptions<PolicyDecisionOptions> options, TimeProvider time, ILogger<PolicyRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.RefreshSeconds;
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var active = pdp.Active;
                    if (await store.LatestVersionAsync(stoppingToken) != Math.Max(active.PolicyVersion, active.SchemaVersion))
                    {
                        await pdp.ReloadAsync(stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The active generation stays in force; the next tick tries again.
                    PdpLog.ReloadFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Storage;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Storage;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// Picks up what another node sharing the database stored: policies or a schema (a cheap version
/// check, and a reload when it moved) and attribute certificates granted or revoked (a reload of
/// the holder directory when their counts moved). A committed change wakes it at once where the
/// database can signal (PostgreSQL); it also looks every <see cref="PolicyDecisionOptions.RefreshSeconds"/>.
/// </summary>
internal sealed class AuthorizationRefresh(
    PolicyDecisionPoint pdp, PolicyStore store, HolderDirectory holders, IModuleDatabase database,
    IOptions<PolicyDecisionOptions> options, ILogger<AuthorizationRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.RefreshSeconds;
        if (seconds <= 0)
        {
            return;
        }

        await using var listener = database.ListenForChanges();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await listener.WaitAsync(TimeSpan.FromSeconds(seconds), stoppingToken);
                // Apart, so that policies that fail to load do not hold back a revoked attribute
                // certificate, nor the other way round. What is in force stays in force; the next
                // wake-up tries again.
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
                    PdpLog.ReloadFailed(logger, e);
                }

                try
                {
                    await holders.RefreshAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    PdpLog.ReloadFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Certificates;
using Platform.Storage;

namespace Gateway.Signing;

/// <summary>
/// Keeps every node's signing keys current (<see cref="GatewayCredentials.RefreshAsync"/>): every
/// <see cref="GatewaySigningOptions.CheckSeconds"/>, when another node signals a change of the
/// gateway's settings, when a key activates or a retired one is dropped, and at once when the CA
/// revokes or holds the certificate of one of its keys, so that a compromised key is replaced (and
/// no longer published) without waiting for the next check.
/// </summary>
internal sealed partial class GatewayKeyRenewal(
    GatewayCredentials credentials, [FromKeyedServices(GatewayServiceCollectionExtensions.DatabaseName)] IModuleDatabase database,
    IOptions<GatewaySigningOptions> options, TimeProvider time, ILogger<GatewayKeyRenewal> logger, ICertificateStatusSource? statuses = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var listener = database.ListenForChanges();
        if (statuses is not null)
        {
            statuses.StatusChanged += OnStatusChanged;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // Listen, then read, then wait: a change signalled while reading is not missed.
                await RefreshAsync(stoppingToken);
                await listener.WaitAsync(UntilNextCheck(), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (statuses is not null)
            {
                statuses.StatusChanged -= OnStatusChanged;
            }
        }

        void OnStatusChanged(IReadOnlyCollection<string> serials)
        {
            if (serials.Any(credentials.SerialNumbers.Contains))
            {
                _ = Task.Run(() => RefreshAsync(stoppingToken), stoppingToken);
            }
        }
    }

    private TimeSpan UntilNextCheck()
    {
        var now = time.GetUtcNow();
        var check = TimeSpan.FromSeconds(options.Value.CheckSeconds);
        return credentials.NextChange(now) is { } change && change - now < check ? change - now + TimeSpan.FromMilliseconds(50) : check;
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // What is in force stays in force; the next check tries again.
        try
        {
            await credentials.RefreshAsync(cancellationToken);
            if (statuses is not null)
            {
                await statuses.TrackAsync(credentials.SerialNumbers, cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "The gateway's signing keys could not be checked; the keys in force stay. It is tried again.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

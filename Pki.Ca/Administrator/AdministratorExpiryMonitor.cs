using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pki.Ca.Hierarchy;
using Pki.Ca.Storage;
using System.Data.Common;

namespace Pki.Ca.Administrator;

/// <summary>
/// Warns in the log, at start and then periodically, when the administrator certificate is about
/// to expire or has expired, naming the command that renews it: without it nobody can reach the
/// administrator endpoints once it lapses.
/// </summary>
internal sealed partial class AdministratorExpiryMonitor(
    IOptions<CaOptions> options, ICaStore store, TimeProvider time, ILogger<AdministratorExpiryMonitor> logger) : BackgroundService
{
    /// <summary>The command an operator runs, as the warning names it.</summary>
    internal const string RenewCommand = "dotnet run --project Server -- pki renew-admin";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The check at start runs before the host reports started, so the first lines of the log carry it.
        await CheckAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(options.Value.Administrator.ExpiryCheckHours), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CheckAsync(stoppingToken);
        }
    }

    /// <summary>Logs a warning when the administrator certificate expires within the warning window.</summary>
    internal async Task CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.GetSettingAsync(CredentialsBootstrap.AdministratorSetting, cancellationToken) is not { } serial
                || await store.GetCertificateAsync(serial, cancellationToken) is not { } record)
            {
                return;
            }

            var now = time.GetUtcNow();
            var left = record.NotAfter - now;
            if (left <= TimeSpan.Zero)
            {
                LogExpired(logger, serial, record.NotAfter, RenewCommand);
            }
            else if (left <= TimeSpan.FromDays(options.Value.Administrator.ExpiryWarningDays))
            {
                LogExpiring(logger, serial, record.NotAfter, Math.Max(0, (int)left.TotalDays), RenewCommand);
            }
        }
        catch (DbException e)
        {
            // A warning that cannot be given now is given at the next check; it never stops the platform.
            LogCheckFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 2016, Level = LogLevel.Warning,
        Message = "The administrator certificate {Serial} (admin.pem) expires on {NotAfter:u}, in {Days} days. Renew it with: {Command} (with the server stopped); see docs/pki.md")]
    private static partial void LogExpiring(ILogger logger, string serial, DateTimeOffset notAfter, int days, string command);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Error,
        Message = "The administrator certificate {Serial} (admin.pem) expired on {NotAfter:u}: the administrator endpoints refuse it. Renew it with: {Command} (with the server stopped); see docs/pki.md")]
    private static partial void LogExpired(ILogger logger, string serial, DateTimeOffset notAfter, string command);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Warning, Message = "Could not check the administrator certificate's expiry")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}

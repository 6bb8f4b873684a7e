using Audit.Publishing;
using Audit.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Audit.Export;

/// <summary>
/// Copies committed entries, in index order, to a syslog collector over TCP (optionally TLS).
/// It reads the database, never the append path, so a collector that is down or slow cannot
/// delay or fail the trail; it remembers how far it got and catches up when the collector is
/// back. Delivery is at least once: an entry counts as delivered once the connection it went out
/// on stayed open <see cref="ConfirmAfter"/> longer; until then a closed or failed connection, or
/// a restart, sends it again, and the index in each message lets the collector drop repeats.
/// </summary>
internal sealed partial class SyslogExporter(
    SqlAuditStore store, IOptions<AuditOptions> options, IServiceProvider services, TimeProvider time, ILogger<SyslogExporter> logger) : BackgroundService
{
    internal const string CursorSetting = "syslog-exported";
    private const int BatchSize = 500;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConfirmAfter = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Syslog;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return;
        }

        settings.Validate();
        string? origin;
        long next;
        try
        {
            origin = await store.GetSettingAsync(CheckpointPublisher.OriginSetting, stoppingToken);
            next = long.Parse(await store.GetSettingAsync(CursorSetting, stoppingToken) ?? "0", CultureInfo.InvariantCulture);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        // Entries below `confirmed` have been delivered (as far as TCP can tell) and the stored
        // cursor says so; entries from `confirmed` to `next` were written but not yet confirmed,
        // and are sent again if the connection ends before they are.
        var confirmed = next;
        var unconfirmed = new Queue<(long End, DateTimeOffset Written)>();
        var backoff = FirstBackoff;
        SyslogConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (connection is not null && connection.PeerClosed)
                    {
                        // Closing an idle connection loses nothing (collectors time idle ones out).
                        if (unconfirmed.Count > 0)
                        {
                            throw new IOException("The collector closed the connection.");
                        }

                        await DropAsync();
                    }

                    confirmed = await ConfirmAsync(unconfirmed, confirmed, stoppingToken);
                    var entries = await store.ReadRangeAsync(next, BatchSize, stoppingToken);
                    if (entries.Count == 0)
                    {
                        await Task.Delay(Idle, time, stoppingToken);
                        continue;
                    }

                    connection ??= await (await CreateConnectorAsync(settings, stoppingToken)).ConnectAsync(stoppingToken);
                    var context = new EcsContext(Environment.MachineName, origin, time.GetUtcNow());
                    await connection.WriteAsync([.. entries.Select(e => SyslogMessage.Frame(e, settings.Format, context, settings.AppName))], stoppingToken);
                    next = entries[^1].Index + 1;
                    unconfirmed.Enqueue((next, time.GetUtcNow()));
                    if (backoff > FirstBackoff)
                    {
                        LogResumed(logger, next);
                    }

                    backoff = FirstBackoff;
                }
                catch (SyslogCredentialException e)
                {
                    LogCredentialFailed(logger, e.InnerException!, settings.Host!, e.Message, next, backoff.TotalSeconds);
                    await RetryAsync();
                }
                catch (CollectorNotTrustedException e)
                {
                    LogNotTrusted(logger, settings.Host!, settings.EffectivePort, e.Message, next, backoff.TotalSeconds);
                    await RetryAsync();
                }
                // Whatever else fails (the network, TLS, the database, a fault of our own) is logged and
                // retried: the export must not end, or take the host down with it, while the trail goes on.
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, e, settings.Host!, settings.EffectivePort, confirmed, backoff.TotalSeconds);
                    await RetryAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DropAsync();
        }

        // What was written but not confirmed may be lost with the connection: send it again.
        async Task RetryAsync()
        {
            await DropAsync();
            next = confirmed;
            unconfirmed.Clear();
            await Task.Delay(backoff, time, stoppingToken);
            backoff = Longer(backoff);
        }

        async Task DropAsync()
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                connection = null;
            }
        }
    }

    // A batch counts as delivered once the connection has stayed open ConfirmAfter past its
    // writing: a collector that closes the connection does so on reading what it refuses or on
    // going down, both of which show before then.
    private async Task<long> ConfirmAsync(Queue<(long End, DateTimeOffset Written)> unconfirmed, long confirmed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reached = confirmed;
        while (unconfirmed.TryPeek(out var batch) && now - batch.Written >= ConfirmAfter)
        {
            reached = unconfirmed.Dequeue().End;
        }

        if (reached != confirmed)
        {
            await store.SetSettingAsync(CursorSetting, reached.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        return reached;
    }

    private static TimeSpan Longer(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));

    // Read again for every connection, so a renewed file or certificate is used without a restart.
    private async Task<SyslogConnector> CreateConnectorAsync(SyslogOptions settings, CancellationToken cancellationToken)
    {
        try
        {
            X509Certificate2Collection? trust = null;
            if (settings.CaFile is not null)
            {
                trust = [];
                trust.ImportFromPemFile(settings.CaFile);
                if (trust.Count == 0)
                {
                    throw new InvalidOperationException($"Audit:Syslog:CaFile {settings.CaFile} holds no PEM certificate.");
                }
            }

            var client = settings.Tls ? await SyslogClientCredential.LoadAsync(settings, store.Database, services, cancellationToken) : null;
            return new SyslogConnector(settings, trust, client);
        }
        catch (Exception e) when (e is InvalidOperationException or CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new SyslogCredentialException(e.Message, e);
        }
    }
}

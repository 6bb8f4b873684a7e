using Audit.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Globalization;
using System.Net.Security;
using System.Security.Authentication;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Audit.Export;

/// <summary>
/// Copies committed entries, in index order, to a syslog collector over TCP (optionally TLS).
/// It reads the database, never the append path, so a collector that is down or slow cannot
/// delay or fail the trail; it remembers how far it got and catches up when the collector is
/// back. Delivery is at least once: after a crash the last batch may be sent again, and the
/// index in each message lets the collector drop repeats.
/// </summary>
internal sealed partial class SyslogExporter(
    SqlAuditStore store, IOptions<AuditOptions> options, ILogger<SyslogExporter> logger) : BackgroundService
{
    internal const string CursorSetting = "syslog-exported";
    private const int BatchSize = 500;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Syslog;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            return;
        }

        settings.Validate();
        var next = long.Parse(await store.GetSettingAsync(CursorSetting, stoppingToken) ?? "0", CultureInfo.InvariantCulture);
        var backoff = TimeSpan.FromSeconds(1);
        Stream? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var entries = await store.ReadRangeAsync(next, BatchSize, stoppingToken);
                    if (entries.Count == 0)
                    {
                        await Task.Delay(Idle, stoppingToken);
                        continue;
                    }

                    connection ??= await ConnectAsync(settings, stoppingToken);
                    foreach (var entry in entries)
                    {
                        await connection.WriteAsync(SyslogMessage.Frame(entry, Environment.MachineName, settings.AppName), stoppingToken);
                    }

                    await connection.FlushAsync(stoppingToken);
                    next = entries[^1].Index + 1;
                    await store.SetSettingAsync(CursorSetting, next.ToString(CultureInfo.InvariantCulture), stoppingToken);
                    if (backoff > TimeSpan.FromSeconds(1))
                    {
                        LogResumed(logger, next);
                    }

                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (Exception e) when (e is IOException or SocketException or AuthenticationException or ObjectDisposedException)
                {
                    LogFailed(logger, e, settings.Host!, settings.EffectivePort, next, backoff.TotalSeconds);
                    if (connection is not null)
                    {
                        await connection.DisposeAsync();
                        connection = null;
                    }

                    await Task.Delay(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<Stream> ConnectAsync(SyslogOptions settings, CancellationToken cancellationToken)
    {
        var client = new TcpClient();
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, cancellationToken);
            Stream stream = client.GetStream();
            if (settings.Tls)
            {
                var tls = new SslStream(stream, leaveInnerStreamOpen: false);
                var authentication = new SslClientAuthenticationOptions { TargetHost = settings.Host };
                if (settings.CaFile is not null)
                {
                    var trust = new X509Certificate2Collection();
                    trust.ImportFromPemFile(settings.CaFile);
                    authentication.CertificateChainPolicy = new X509ChainPolicy
                    {
                        TrustMode = X509ChainTrustMode.CustomRootTrust,
                        RevocationMode = X509RevocationMode.NoCheck,
                    };
                    authentication.CertificateChainPolicy.CustomTrustStore.AddRange(trust);
                }

                await tls.AuthenticateAsClientAsync(authentication, cancellationToken);
                stream = tls;
            }

            return stream;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    [LoggerMessage(EventId = 3030, Level = LogLevel.Warning,
        Message = "Audit syslog export to {Host}:{Port} failed at entry {Next}; retrying in {Seconds} s (the trail is unaffected)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string host, int port, long next, double seconds);

    [LoggerMessage(EventId = 3031, Level = LogLevel.Information, Message = "Audit syslog export caught up to entry {Next}")]
    private static partial void LogResumed(ILogger logger, long next);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pki.Ca.Crl;
using Pki.Ca.Ocsp;
using Pki.Ca.Storage;

namespace Pki.Ca.Revocation;

/// <summary>
/// Takes in what other nodes sharing the database changed: drops this node's pre-signed OCSP
/// answers about a certificate another node revoked or released (and reads its status for the
/// modules that decide on its holder's privileges), and serves the CRLs another
/// node published. A committed change wakes it at once where the database can signal
/// (PostgreSQL); it also reads every <c>Pki:Revocation:SyncIntervalSeconds</c>, signalled or not.
/// </summary>
internal sealed partial class RevocationSync(
    IRevocationStore store, OcspResponseCache cache, CertificateStatusDirectory statuses, CrlPublisher publisher, IOptions<CaOptions> options, ILogger<RevocationSync> logger)
    : BackgroundService
{
    private const int Batch = 1000;
    private long seen;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Whatever was committed before now is already in what this node loads from the database.
        seen = await store.LastChangeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Applies every change committed since the last call.</summary>
    internal async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RevocationChange> changes;
        do
        {
            changes = await store.ChangesAfterAsync(seen, Batch, cancellationToken);
            var others = changes.Where(change => !change.Local).ToList();
            // One pass over the OCSP cache for the whole batch, and each CA's CRLs read once.
            var serials = others.Where(change => change.SerialNumber is not null).Select(change => change.SerialNumber!).ToHashSet(StringComparer.Ordinal);
            if (serials.Count > 0)
            {
                cache.RevocationsChanged(serials);
                await statuses.ChangedAsync(serials, cancellationToken);
            }

            foreach (var caName in others.Where(change => change.CrlNumber is not null).Select(change => change.CaName).Distinct(StringComparer.Ordinal))
            {
                await publisher.AdoptPublishedAsync(caName, cancellationToken);
            }

            foreach (var change in others)
            {
                LogApplied(logger, change.Sequence, change.CaName, change.SerialNumber, change.CrlNumber);
            }

            if (changes.Count > 0)
            {
                seen = changes[^1].Sequence;
            }
        }
        while (changes.Count == Batch);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.Revocation.SyncIntervalSeconds);
        await using var listener = store.ListenForChanges();
        while (!stoppingToken.IsCancellationRequested)
        {
            await listener.WaitAsync(interval, stoppingToken);
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The changes stay in the database; the next wake-up reads them again.
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug,
        Message = "Took in change {Sequence} of another node: CA {Ca}, certificate {Serial}, CRL {CrlNumber}")]
    private static partial void LogApplied(ILogger logger, long sequence, string ca, string? serial, long? crlNumber);

    [LoggerMessage(EventId = 2111, Level = LogLevel.Error, Message = "Reading the revocations of other nodes failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

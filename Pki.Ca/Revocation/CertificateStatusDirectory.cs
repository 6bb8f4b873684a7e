using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pki.Ca.Storage;
using Platform.Certificates;

namespace Pki.Ca.Revocation;

/// <summary>
/// The CA's side of <see cref="ICertificateStatusSource"/>: the revocation state of the certificates other
/// modules rely on (attribute certificate holders, delegates), in memory. Only tracked certificates are
/// held, so nothing scans the repository. It is told of this node's revocations as a revocation listener,
/// before they are answered, and of other nodes' by <see cref="RevocationSync"/>, at the moment the OCSP
/// answers about them are dropped: a decision sees a revocation as soon as OCSP does.
/// </summary>
internal sealed partial class CertificateStatusDirectory(ICaStore store, TimeProvider time, ILogger<CertificateStatusDirectory> logger)
    : ICertificateStatusSource, IRevocationListener
{
    private readonly ConcurrentDictionary<string, Tracked> tracked = new(StringComparer.Ordinal);

    /// <summary>Moves on every change, so that a status read across a change is read again (see <see cref="TrackAsync"/>).</summary>
    private long generation;

    public event Action<IReadOnlyCollection<string>>? StatusChanged;

    public CertificateHolderStatus StatusOf(string serialNumber)
    {
        if (!tracked.TryGetValue(serialNumber, out var entry))
        {
            return CertificateHolderStatus.Unknown;
        }

        return entry.Status == CertificateHolderStatus.Good && entry.NotAfter <= time.GetUtcNow() ? CertificateHolderStatus.Expired : entry.Status;
    }

    public async Task TrackAsync(IEnumerable<string> serialNumbers, CancellationToken cancellationToken = default)
    {
        foreach (var serial in serialNumbers.Distinct(StringComparer.Ordinal))
        {
            if (tracked.ContainsKey(serial))
            {
                continue;
            }

            // A change committed between the read and the store would be missed by its own pass
            // (the serial was not tracked yet): read again until no change passed meanwhile.
            long before;
            Tracked entry;
            do
            {
                before = Interlocked.Read(ref generation);
                entry = Of(await store.GetCertificateAsync(serial, cancellationToken));
            }
            while (before != Interlocked.Read(ref generation));

            tracked.TryAdd(serial, entry with { Sequence = before });
        }
    }

    /// <summary>This node's own revocation or release, committed and not answered yet.</summary>
    public Task RevocationChangedAsync(string caName, string serialNumber, CancellationToken cancellationToken) =>
        ChangedAsync(new HashSet<string>(StringComparer.Ordinal) { serialNumber }, cancellationToken);

    /// <summary>Reads the tracked certificates among <paramref name="serialNumbers"/> again, and says which changed.</summary>
    public async Task ChangedAsync(IReadOnlySet<string> serialNumbers, CancellationToken cancellationToken)
    {
        // Each pass reads after the change it was called for committed; of two passes about one
        // certificate, the later one's read is the newer, whichever finishes first.
        var sequence = Interlocked.Increment(ref generation);
        var changed = new List<string>();
        foreach (var serial in serialNumbers)
        {
            if (!tracked.ContainsKey(serial))
            {
                continue;
            }

            try
            {
                var read = Of(await store.GetCertificateAsync(serial, cancellationToken)) with { Sequence = sequence };
                tracked.AddOrUpdate(serial, read, (_, current) => current.Sequence > sequence ? current : read);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Not known is not good: the holder counts for nothing until the next track reads it.
                tracked.TryRemove(serial, out _);
                LogReadFailed(logger, e, serial);
            }

            changed.Add(serial);
        }

        if (changed.Count > 0)
        {
            try
            {
                StatusChanged?.Invoke(changed);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, e);
            }
        }
    }

    private static Tracked Of(CertificateRecord? record) => record switch
    {
        null => new Tracked(CertificateHolderStatus.Unknown, DateTimeOffset.MinValue),
        { RevokedAt: not null, RevocationReason: RevocationReasons.CertificateHold } => new Tracked(CertificateHolderStatus.OnHold, record.NotAfter),
        { RevokedAt: not null } => new Tracked(CertificateHolderStatus.Revoked, record.NotAfter),
        _ => new Tracked(CertificateHolderStatus.Good, record.NotAfter),
    };

    private sealed record Tracked(CertificateHolderStatus Status, DateTimeOffset NotAfter, long Sequence = 0);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Error, Message = "Certificate {Serial}: its new revocation state could not be read; it counts as unknown")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string serial);

    [LoggerMessage(EventId = 2131, Level = LogLevel.Error, Message = "A handler of certificate status changes failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}

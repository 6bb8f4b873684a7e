using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pki.Ca.Hierarchy;
using Pki.Ca.Revocation;
using Pki.Ca.Storage;
using System.Collections.Concurrent;

namespace Pki.Ca.Crl;

/// <summary>
/// Publishes each CA's full and delta CRL. A revocation asks for a new pair and waits for it,
/// but concurrent requests share one regeneration (single flight), so a burst of revocations
/// costs one CRL, not one each. The delta lists what changed since the previous full CRL, so a
/// relying party holding that one needs only the small delta.
/// </summary>
public sealed partial class CrlPublisher(
    CaRegistry registry, IRevocationStore store, IOptions<CaOptions> options, PkiUrls urls, TimeProvider time, ILogger<CrlPublisher> logger,
    Metrics.CaMetrics metrics)
{
    private readonly ConcurrentDictionary<string, CaState> states = new(StringComparer.Ordinal);

    /// <summary>The current full CRL of <paramref name="caName"/>, generating the first one if needed.</summary>
    public async Task<StoredCrl> FullAsync(string caName, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(caName, cancellationToken)).Full!;

    /// <summary>The current delta CRL of <paramref name="caName"/>.</summary>
    public async Task<StoredCrl> DeltaAsync(string caName, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(caName, cancellationToken)).Delta
            ?? throw new CrlUnavailableException($"CA '{caName}' is offline and publishes no delta CRL; its full CRL is at {urls.Crl(caName)}.");

    /// <summary>
    /// Publishes a new full and delta CRL reflecting every revocation committed before this
    /// call, and returns once they are stored and served.
    /// </summary>
    public async Task RefreshAsync(string caName, CancellationToken cancellationToken = default)
    {
        var state = StateOf(caName);
        var wanted = Interlocked.Increment(ref state.Requested);
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            if (state.Published >= wanted)
            {
                return;
            }

            var covers = Volatile.Read(ref state.Requested);
            await LoadAsync(caName, state, cancellationToken);
            await GenerateAsync(caName, state, cancellationToken);
            state.Published = covers;
        }
        finally
        {
            state.Lock.Release();
        }
    }

    /// <summary>
    /// Serves the newest CRLs of <paramref name="caName"/> in the database, when another node
    /// sharing it published newer ones than this node holds.
    /// </summary>
    public async Task AdoptPublishedAsync(string caName, CancellationToken cancellationToken = default)
    {
        var state = StateOf(caName);
        await state.Lock.WaitAsync(cancellationToken);
        try
        {
            await LoadAsync(caName, state, cancellationToken);
        }
        finally
        {
            state.Lock.Release();
        }
    }

    /// <summary>
    /// Regenerates every CRL past half its validity, or missing a committed revocation (the
    /// schedule calls this): a node that stopped between committing a revocation and publishing
    /// its CRL leaves the work to whichever node looks next.
    /// </summary>
    public async Task RefreshStaleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var ca in registry.All)
        {
            await AdoptPublishedAsync(ca.Name, cancellationToken);
            if (ca.IsOffline)
            {
                // Signed where its key is and imported: nothing to regenerate here.
                continue;
            }

            var state = await CurrentAsync(ca.Name, cancellationToken);
            var full = state.Full!;
            if (now >= full.ThisUpdate + ((full.NextUpdate - full.ThisUpdate) / 2)
                || await store.LastRevocationChangeAsync(ca.Name, cancellationToken) > full.CoversChange)
            {
                await RefreshAsync(ca.Name, cancellationToken);
            }
        }
    }

    private async Task<CaState> CurrentAsync(string caName, CancellationToken cancellationToken)
    {
        var state = StateOf(caName);
        if (state.Full is null || state.Delta is null)
        {
            await state.Lock.WaitAsync(cancellationToken);
            try
            {
                await LoadAsync(caName, state, cancellationToken);
                if (registry.TryGet(caName, out var ca) && ca.IsOffline)
                {
                    return state.Full is null
                        ? throw new CrlUnavailableException($"The key of CA '{caName}' is offline and no CRL of it, signed where the key is, is stored here yet.")
                        : state;
                }

                if (state.Full is null || state.Delta is null)
                {
                    await GenerateAsync(caName, state, cancellationToken);
                }
            }
            finally
            {
                state.Lock.Release();
            }
        }

        return state;
    }

    /// <summary>Takes the newest stored CRLs where they are newer than those held (numbers come from one shared counter).</summary>
    private async Task LoadAsync(string caName, CaState state, CancellationToken cancellationToken)
    {
        // The numbers first: a CRL body can be megabytes, fetched only when newer.
        var (fullNumber, deltaNumber) = await store.LatestCrlNumbersAsync(caName, cancellationToken);
        if (fullNumber > (state.Full?.Number ?? 0))
        {
            state.Full = await store.LatestCrlAsync(caName, delta: false, cancellationToken) ?? state.Full;
            if (state.Full is { } adopted)
            {
                metrics.CrlCurrent(caName, adopted.ThisUpdate, adopted.NextUpdate);
            }
        }

        if (deltaNumber > (state.Delta?.Number ?? 0))
        {
            state.Delta = await store.LatestCrlAsync(caName, delta: true, cancellationToken) ?? state.Delta;
        }
    }

    private async Task GenerateAsync(string caName, CaState state, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(caName, out var ca))
        {
            throw new ArgumentException($"There is no CA '{caName}'.", nameof(caName));
        }

        // The numbers before the content: a CRL numbered after another node's then reads the
        // revocations after that node took its number, so the highest-numbered CRL, which every
        // node serves, holds every revocation committed before any publication that returned.
        var fullNumber = await store.NextCrlNumberAsync(caName, cancellationToken);
        var deltaNumber = await store.NextCrlNumberAsync(caName, cancellationToken);
        var entries = await CatchUpAsync(caName, state, cancellationToken);
        var now = time.GetUtcNow();
        var next = now + TimeSpan.FromHours(options.Value.Crl.ValidityHours);
        var full = new StoredCrl(caName, fullNumber, null, now, next,
            CrlBuilder.Build(ca, fullNumber, entries.Values, now, next, null, urls.DeltaCrl(caName)), state.EntriesCover);

        // The delta is against the previous full CRL; the very first delta is empty, against its own full.
        var baseCrl = state.Full;
        var changes = baseCrl is null ? [] : await DeltaEntriesAsync(caName, baseCrl, entries, state.EntriesCover, now, cancellationToken);
        var delta = new StoredCrl(caName, deltaNumber, baseCrl?.Number ?? fullNumber, now, next,
            CrlBuilder.Build(ca, deltaNumber, changes, now, next, baseCrl?.Number ?? fullNumber, null), state.EntriesCover);

        await store.SaveCrlsAsync([full, delta], cancellationToken);
        state.Full = full;
        state.Delta = delta;
        metrics.CrlCurrent(caName, full.ThisUpdate, full.NextUpdate);
        LogPublished(logger, caName, fullNumber, entries.Count, deltaNumber, changes.Count);
    }

    /// <summary>
    /// Brings this node's encoded entries up to date: loaded whole once, then only the
    /// certificates whose state changed since, read from the change log.
    /// </summary>
    private async Task<SortedDictionary<string, byte[]>> CatchUpAsync(string caName, CaState state, CancellationToken cancellationToken)
    {
        if (state.Entries is not null)
        {
            var changed = await store.ChangedRevocationsAsync(caName, state.EntriesCover, null, cancellationToken);
            if (changed.Complete)
            {
                foreach (var (serial, entry) in changed.Certificates)
                {
                    if (entry is null)
                    {
                        state.Entries.Remove(serial);
                    }
                    else
                    {
                        state.Entries[serial] = CrlBuilder.EncodeEntry(entry);
                    }
                }

                state.EntriesCover = changed.Through;
                return state.Entries;
            }
        }

        // Read the position before the list, so that the entries claim no more than they hold.
        var covers = await store.LastChangeAsync(cancellationToken);
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in await store.ListRevokedAsync(caName, cancellationToken))
        {
            entries[entry.SerialNumber] = CrlBuilder.EncodeEntry(entry);
        }

        state.Entries = entries;
        state.EntriesCover = covers;
        return entries;
    }

    /// <summary>
    /// RFC 5280 §5.2.4: every certificate whose state changed since the base CRL, as it stands now;
    /// one no longer revoked (a lifted hold) as removeFromCRL.
    /// </summary>
    private async Task<List<byte[]>> DeltaEntriesAsync(
        string caName, StoredCrl baseCrl, SortedDictionary<string, byte[]> current, long through, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await store.ChangedRevocationsAsync(caName, baseCrl.CoversChange, through, cancellationToken);
        if (!changed.Complete)
        {
            // The log no longer reaches back to the base: list every revoked certificate (a delta
            // may repeat what the base holds; only holds lifted since then go unlisted).
            return [.. current.Values];
        }

        return [.. changed.Certificates.Select(c => CrlBuilder.EncodeEntry(
            c.Entry ?? new RevokedEntry(c.SerialNumber, now, RevocationReasons.RemoveFromCrl, null)))];
    }

    private CaState StateOf(string caName) => states.GetOrAdd(caName, _ => new CaState());

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Published CRL {Number} of {Ca} with {Entries} entries and delta CRL {DeltaNumber} with {Changes} changes")]
    private static partial void LogPublished(ILogger logger, string ca, long number, int entries, long deltaNumber, int changes);

    private sealed class CaState
    {
        public readonly SemaphoreSlim Lock = new(1, 1);
        public long Requested;
        public long Published;
        public StoredCrl? Full;
        public StoredCrl? Delta;

        /// <summary>The encoded entries of every revoked certificate, as of change <see cref="EntriesCover"/>.</summary>
        public SortedDictionary<string, byte[]>? Entries;
        public long EntriesCover;
    }
}

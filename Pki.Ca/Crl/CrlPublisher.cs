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
    CaRegistry registry, IRevocationStore store, IOptions<CaOptions> options, PkiUrls urls, TimeProvider time, ILogger<CrlPublisher> logger)
{
    private readonly ConcurrentDictionary<string, CaState> states = new(StringComparer.Ordinal);

    /// <summary>The current full CRL of <paramref name="caName"/>, generating the first one if needed.</summary>
    public async Task<StoredCrl> FullAsync(string caName, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(caName, cancellationToken)).Full!;

    /// <summary>The current delta CRL of <paramref name="caName"/>.</summary>
    public async Task<StoredCrl> DeltaAsync(string caName, CancellationToken cancellationToken = default) =>
        (await CurrentAsync(caName, cancellationToken)).Delta!;

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

    /// <summary>Regenerates every CRL past half its validity (the schedule calls this).</summary>
    public async Task RefreshStaleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var ca in registry.All)
        {
            var state = await CurrentAsync(ca.Name, cancellationToken);
            var full = state.Full!;
            if (now >= full.ThisUpdate + ((full.NextUpdate - full.ThisUpdate) / 2))
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

    private async Task LoadAsync(string caName, CaState state, CancellationToken cancellationToken)
    {
        if (state.Full is not null)
        {
            return;
        }

        state.Full = await store.LatestCrlAsync(caName, delta: false, cancellationToken);
        state.Delta = await store.LatestCrlAsync(caName, delta: true, cancellationToken);
        state.FullEntries = state.Full is null ? null : CrlBuilder.Entries(state.Full.Der);
    }

    private async Task GenerateAsync(string caName, CaState state, CancellationToken cancellationToken)
    {
        if (!registry.TryGet(caName, out var ca))
        {
            throw new ArgumentException($"There is no CA '{caName}'.", nameof(caName));
        }

        var revoked = await store.ListRevokedAsync(caName, cancellationToken);
        var now = time.GetUtcNow();
        var next = now + TimeSpan.FromHours(options.Value.Crl.ValidityHours);
        var fullNumber = await store.NextCrlNumberAsync(caName, cancellationToken);
        var full = new StoredCrl(caName, fullNumber, null, now, next,
            CrlBuilder.Build(ca, fullNumber, revoked, now, next, null, urls.DeltaCrl(caName)));

        // The delta is against the previous full CRL; the very first delta is empty, against its own full.
        var baseNumber = state.Full?.Number ?? fullNumber;
        var changes = state.FullEntries is null ? [] : Changes(state.FullEntries, revoked);
        var deltaNumber = await store.NextCrlNumberAsync(caName, cancellationToken);
        var delta = new StoredCrl(caName, deltaNumber, baseNumber, now, next,
            CrlBuilder.Build(ca, deltaNumber, changes, now, next, baseNumber, null));

        await store.SaveCrlAsync(full, cancellationToken);
        await store.SaveCrlAsync(delta, cancellationToken);
        state.Full = full;
        state.Delta = delta;
        state.FullEntries = revoked.ToDictionary(r => r.SerialNumber, StringComparer.Ordinal);
        LogPublished(logger, caName, fullNumber, revoked.Count, deltaNumber, changes.Count);
    }

    /// <summary>RFC 5280 §5.2.4: new or changed revocations, and removeFromCRL for holds lifted since the base.</summary>
    private static List<RevokedEntry> Changes(Dictionary<string, RevokedEntry> baseEntries, IReadOnlyList<RevokedEntry> current)
    {
        var changes = new List<RevokedEntry>();
        var now = current.ToDictionary(r => r.SerialNumber, StringComparer.Ordinal);
        foreach (var entry in current)
        {
            if (!baseEntries.TryGetValue(entry.SerialNumber, out var before) || before.Reason != entry.Reason)
            {
                changes.Add(entry);
            }
        }

        foreach (var (serial, before) in baseEntries)
        {
            if (!now.ContainsKey(serial) && before.Reason == RevocationReasons.CertificateHold)
            {
                changes.Add(before with { Reason = RevocationReasons.RemoveFromCrl, InvalidityDate = null });
            }
        }

        return changes;
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
        public Dictionary<string, RevokedEntry>? FullEntries;
    }
}

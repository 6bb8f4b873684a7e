using Microsoft.Extensions.Options;
using Pki.Ca.Revocation;
using System.Collections.Concurrent;

namespace Pki.Ca.Ocsp;

/// <summary>
/// Pre-signed responses to nonce-less requests, keyed by the request's bytes, so a flood of
/// OCSP traffic costs a dictionary lookup, not a signature. An entry is served while less than
/// half its validity has passed; the refresher re-signs hot entries before that; a revocation
/// drops every entry about that certificate before the revocation is answered.
/// </summary>
public sealed class OcspResponseCache : IRevocationListener
{
    private readonly ConcurrentDictionary<byte[], OcspAnswer> entries = new(RequestBytesComparer.Instance);
    private readonly ConcurrentDictionary<byte[], OcspAnswer>.AlternateLookup<ReadOnlySpan<byte>> bySpan;
    private readonly int capacity;
    private readonly TimeProvider time;
    private long generation;

    /// <summary>Creates an empty cache bounded by <c>Pki:Ocsp:CacheSize</c>.</summary>
    public OcspResponseCache(IOptions<CaOptions> options, TimeProvider time)
    {
        this.time = time;
        capacity = options.Value.Ocsp.CacheSize;
        bySpan = entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>
    /// Changes on every revocation. Read it before computing an answer and hand it to
    /// <see cref="Add"/>: an answer computed across a revocation may be stale and is not kept.
    /// </summary>
    public long Generation => Interlocked.Read(ref generation);

    /// <summary>How many responses are held.</summary>
    public int Count => entries.Count;

    /// <summary>A fresh pre-signed answer to exactly these request bytes, if one is held.</summary>
    public bool TryGet(ReadOnlySpan<byte> request, out OcspAnswer answer) =>
        bySpan.TryGetValue(request, out answer!) && IsFresh(answer, time.GetUtcNow());

    /// <summary>Keeps a cacheable answer computed since <paramref name="computedAt"/> (a <see cref="Generation"/>).</summary>
    public void Add(ReadOnlySpan<byte> request, OcspAnswer answer, long computedAt)
    {
        if (!answer.Cacheable || computedAt != Generation)
        {
            return;
        }

        if (entries.Count >= capacity)
        {
            // Crude but bounded: start over rather than grow without limit under a flood of distinct requests.
            entries.Clear();
        }

        bySpan[request] = answer;
        DropIfRevokedSince(request, computedAt);
    }

    /// <summary>Drops every answer about <paramref name="serialNumber"/>.</summary>
    public Task RevocationChangedAsync(string caName, string serialNumber, CancellationToken cancellationToken)
    {
        RevocationsChanged(new HashSet<string>(StringComparer.Ordinal) { serialNumber });
        return Task.CompletedTask;
    }

    /// <summary>Drops every answer about any of <paramref name="serialNumbers"/>, in one pass over the cache.</summary>
    public void RevocationsChanged(IReadOnlySet<string> serialNumbers)
    {
        // First the generation, then the pass: an answer computed before the change and stored
        // after the pass sees the new generation in DropIfRevokedSince.
        Interlocked.Increment(ref generation);
        foreach (var (request, answer) in entries)
        {
            if (answer.SerialNumbers.Any(serialNumbers.Contains))
            {
                entries.TryRemove(request, out _);
            }
        }
    }

    /// <summary>Entries at least <paramref name="ageFraction"/> through their validity, to re-sign ahead of time.</summary>
    internal IEnumerable<byte[]> Aging(double ageFraction)
    {
        var now = time.GetUtcNow();
        foreach (var (request, answer) in entries)
        {
            if (now >= answer.ThisUpdate + ((answer.NextUpdate - answer.ThisUpdate) * ageFraction))
            {
                yield return request;
            }
        }
    }

    internal void Replace(byte[] request, OcspAnswer answer, long computedAt)
    {
        if (answer.Cacheable && computedAt == Generation)
        {
            entries[request] = answer;
            DropIfRevokedSince(request, computedAt);
        }
        else
        {
            entries.TryRemove(request, out _);
        }
    }

    /// <summary>
    /// A revocation may have passed between the generation check and the store, its pass over
    /// the cache missing the answer just stored: checked again, the answer is dropped (a fresh
    /// answer stored by another thread may go with it, which costs one signature).
    /// </summary>
    private void DropIfRevokedSince(ReadOnlySpan<byte> request, long computedAt)
    {
        if (computedAt != Generation)
        {
            bySpan.TryRemove(request, out _, out _);
        }
    }

    private static bool IsFresh(OcspAnswer answer, DateTimeOffset now) =>
        now < answer.ThisUpdate + ((answer.NextUpdate - answer.ThisUpdate) / 2);
}

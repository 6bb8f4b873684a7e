using Audit.Merkle;
using System.Collections.Concurrent;

namespace Audit.Storage;

/// <summary>
/// Runs the core's synchronous Merkle computations (roots, proofs, resuming the builder) over the
/// database without blocking a thread: a first pass records which nodes the computation asks
/// for, one query fetches them, and a second pass runs on the fetched hashes. Nodes high in the
/// tree are read by nearly every proof and never change, so they are cached.
/// </summary>
internal sealed class TreeHashes
{
    // Nodes at this level and above cover 64+ leaves: at a million entries about 31,000 nodes (1 MiB of hashes).
    private const int CachedLevel = 6;
    private const int MaxCached = 1_000_000;

    private readonly ConcurrentDictionary<NodeId, byte[]> cache = new();
    private readonly Func<IReadOnlyCollection<NodeId>, CancellationToken, Task<IReadOnlyDictionary<NodeId, byte[]>>> fetch;

    public TreeHashes(IAuditStore store)
        : this(store.ReadHashesAsync)
    {
    }

    public TreeHashes(Func<IReadOnlyCollection<NodeId>, CancellationToken, Task<IReadOnlyDictionary<NodeId, byte[]>>> fetch) =>
        this.fetch = fetch;

    /// <summary>Runs <paramref name="compute"/> over the tree of <paramref name="size"/> stored leaves.</summary>
    public Task<T> RunAsync<T>(long size, Func<IHashReader, T> compute, CancellationToken cancellationToken) =>
        RunAsync(size, compute, fetch, cancellationToken);

    /// <summary>As above, fetching through <paramref name="fetcher"/> (for reads inside a transaction).</summary>
    public async Task<T> RunAsync<T>(
        long size, Func<IHashReader, T> compute,
        Func<IReadOnlyCollection<NodeId>, CancellationToken, Task<IReadOnlyDictionary<NodeId, byte[]>>> fetcher,
        CancellationToken cancellationToken)
    {
        var recorder = new RecordingReader(size);
        var first = compute(recorder);
        if (recorder.Requested is null)
        {
            // The computation failed its own checks (a bad index, say) before reading anything.
            return first;
        }

        var hashes = new Dictionary<NodeId, byte[]>();
        var missing = new List<NodeId>();
        foreach (var node in recorder.Requested)
        {
            if (cache.TryGetValue(node, out var hash))
            {
                hashes[node] = hash;
            }
            else
            {
                missing.Add(node);
            }
        }

        if (missing.Count > 0)
        {
            foreach (var (node, hash) in await fetcher(missing, cancellationToken))
            {
                hashes[node] = hash;
                Remember(node, hash);
            }
        }

        return compute(new PrefetchedReader(size, hashes));
    }

    /// <summary>Caches freshly committed nodes.</summary>
    public void Remember(NodeId node, byte[] hash)
    {
        if (node.Level >= CachedLevel && hash.Length == Rfc6962.HashSize && cache.Count < MaxCached)
        {
            cache.TryAdd(node, hash);
        }
    }

    /// <summary>Forgets everything, for when the stored tree turned out not to be what was cached.</summary>
    public void Clear() => cache.Clear();

    private sealed class RecordingReader(long size) : IHashReader
    {
        public long Size { get; } = size;

        public NodeId[]? Requested { get; private set; }

        public bool TryReadHashes(ReadOnlySpan<NodeId> nodes, Span<byte> destination)
        {
            Requested = nodes.ToArray();
            return false;
        }
    }

    private sealed class PrefetchedReader(long size, Dictionary<NodeId, byte[]> hashes) : IHashReader
    {
        public long Size { get; } = size;

        public bool TryReadHashes(ReadOnlySpan<NodeId> nodes, Span<byte> destination)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                if (!hashes.TryGetValue(nodes[i], out var hash) || hash.Length != Rfc6962.HashSize)
                {
                    return false;
                }

                hash.CopyTo(destination.Slice(i * Rfc6962.HashSize, Rfc6962.HashSize));
            }

            return true;
        }
    }
}

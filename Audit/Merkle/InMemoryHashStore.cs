namespace Audit.Merkle;

/// <summary>
/// Keeps every leaf hash and complete subtree hash in memory, one table per level, in chunks so
/// that growth never copies the whole level. For tests, tools and small logs; a tree of a
/// million leaves takes about 64 MiB.
/// </summary>
/// <remarks>Thread-safe: proofs may be read while the sequencer appends.</remarks>
public sealed class InMemoryHashStore : IHashReader, IHashWriter
{
    private const int ChunkShift = 12;
    private const int ChunkNodes = 1 << ChunkShift;
    private const int HashSize = Rfc6962.HashSize;

    private readonly List<Level> _levels = [];
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public long Size
    {
        get
        {
            lock (_gate)
            {
                return _levels.Count == 0 ? 0 : _levels[0].Count;
            }
        }
    }

    /// <inheritdoc />
    public void WriteHash(NodeId node, ReadOnlySpan<byte> hash)
    {
        if (hash.Length != HashSize)
        {
            throw new ArgumentException("A node hash is 32 bytes.", nameof(hash));
        }

        lock (_gate)
        {
            while (_levels.Count <= node.Level)
            {
                _levels.Add(new Level());
            }

            var level = _levels[node.Level];
            if (node.Index != level.Count)
            {
                // Nodes of one level complete strictly left to right; anything else is a bug.
                throw new InvalidOperationException($"Node {node} written out of order; expected index {level.Count}.");
            }

            level.Append(hash);
        }
    }

    /// <inheritdoc />
    public bool TryReadHashes(ReadOnlySpan<NodeId> nodes, Span<byte> destination)
    {
        if (destination.Length < nodes.Length * HashSize)
        {
            throw new ArgumentException("The destination is too small.", nameof(destination));
        }

        lock (_gate)
        {
            for (var i = 0; i < nodes.Length; i++)
            {
                var node = nodes[i];
                if (node.Level < 0 || node.Level >= _levels.Count || node.Index < 0 || node.Index >= _levels[node.Level].Count)
                {
                    return false;
                }

                _levels[node.Level].Read(node.Index, destination.Slice(i * HashSize, HashSize));
            }
        }

        return true;
    }

    private sealed class Level
    {
        private readonly List<byte[]> _chunks = [];

        public long Count { get; private set; }

        public void Append(ReadOnlySpan<byte> hash)
        {
            var offset = (int)(Count & (ChunkNodes - 1));
            if (offset == 0)
            {
                _chunks.Add(new byte[ChunkNodes * HashSize]);
            }

            hash.CopyTo(_chunks[^1].AsSpan(offset * HashSize, HashSize));
            Count++;
        }

        public void Read(long index, Span<byte> destination)
        {
            var chunk = _chunks[(int)(index >> ChunkShift)];
            var offset = (int)(index & (ChunkNodes - 1));
            chunk.AsSpan(offset * HashSize, HashSize).CopyTo(destination);
        }
    }
}

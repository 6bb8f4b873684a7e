namespace Audit.Merkle;

/// <summary>
/// Appends leaves to a Merkle tree, keeping only the roots of the complete subtrees along the
/// tree's right edge (a "compact range": one hash per set bit of the size). Each append writes
/// the leaf hash and every subtree the leaf completes to an <see cref="IHashWriter"/>, so storage
/// ends up holding every complete subtree and proofs need only O(log n) reads.
/// </summary>
/// <remarks>Not thread-safe: the log has a single sequencer.</remarks>
public sealed class MerkleTreeBuilder
{
    private readonly IHashWriter _writer;

    // _edge[i] is the root of the i-th complete subtree of the decomposition of [0, Size),
    // largest (leftmost) first.
    private readonly List<byte[]> _edge;

    /// <summary>Starts an empty tree.</summary>
    public MerkleTreeBuilder(IHashWriter writer)
        : this(writer, 0, [])
    {
    }

    private MerkleTreeBuilder(IHashWriter writer, long size, List<byte[]> edge)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        Size = size;
        _edge = edge;
    }

    /// <summary>The number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>
    /// Continues a tree of <paramref name="size"/> leaves whose hashes <paramref name="reader"/>
    /// holds, reading only the right edge.
    /// </summary>
    /// <returns><see langword="null"/> when the reader lacks a needed hash.</returns>
    public static MerkleTreeBuilder? Resume(IHashReader reader, IHashWriter writer, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var nodes = new List<NodeId>();
        SubtreeRange.Decompose(0, size, nodes);
        var buffer = new byte[nodes.Count * Rfc6962.HashSize];
        if (!reader.TryReadHashes(nodes.ToArray(), buffer))
        {
            return null;
        }

        var edge = new List<byte[]>(nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            edge.Add(buffer.AsSpan(i * Rfc6962.HashSize, Rfc6962.HashSize).ToArray());
        }

        return new MerkleTreeBuilder(writer, size, edge);
    }

    /// <summary>Appends an entry, hashing it as a leaf, and returns its index.</summary>
    public long AppendEntry(ReadOnlySpan<byte> entry) => AppendLeafHash(Rfc6962.HashLeaf(entry));

    /// <summary>Appends a leaf by its (already computed) leaf hash and returns its index.</summary>
    public long AppendLeafHash(ReadOnlySpan<byte> leafHash)
    {
        if (leafHash.Length != Rfc6962.HashSize)
        {
            throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        }

        var index = Size;
        var hash = leafHash.ToArray();

        // Each trailing one bit of the old size is a complete subtree on the edge that the new
        // node now pairs with; merging them mirrors a binary increment. Everything is computed
        // and written before the edge changes, so a failing writer leaves this builder as it was
        // (what the store kept is up to its own transaction).
        var merges = (int)long.TrailingZeroCount(~index);
        _writer.WriteHash(new NodeId(0, index), hash);
        for (var level = 1; level <= merges; level++)
        {
            Rfc6962.HashChildren(_edge[^level], hash, hash);
            _writer.WriteHash(new NodeId(level, index >> level), hash);
        }

        _edge.RemoveRange(_edge.Count - merges, merges);
        _edge.Add(hash);
        Size = index + 1;
        return index;
    }

    /// <summary>The root hash of the tree as it stands.</summary>
    public byte[] RootHash()
    {
        if (_edge.Count == 0)
        {
            return Rfc6962.EmptyRoot.ToArray();
        }

        var root = _edge[^1].ToArray();
        for (var i = _edge.Count - 2; i >= 0; i--)
        {
            Rfc6962.HashChildren(_edge[i], root, root);
        }

        return root;
    }
}

namespace Audit.Merkle;

/// <summary>
/// Read access to the stored hashes of a Merkle tree: leaf hashes (level 0) and the roots of
/// complete subtrees (higher levels). Proof and root computation read through this interface
/// only, so storage can keep a per-level node table, compact hash tiles or anything else that
/// answers by (level, index).
/// </summary>
public interface IHashReader
{
    /// <summary>The number of leaves whose hashes, and all complete subtrees over them, are stored.</summary>
    long Size { get; }

    /// <summary>
    /// Copies the hash of each node in <paramref name="nodes"/>, in order, into
    /// <paramref name="destination"/> (32 bytes per node). Batched so a database or tile store
    /// answers a whole proof in one round trip.
    /// </summary>
    /// <returns>
    /// <see langword="false"/> when any requested node is not stored (for example it lies beyond
    /// <see cref="Size"/>); the destination content is then unspecified.
    /// </returns>
    bool TryReadHashes(ReadOnlySpan<NodeId> nodes, Span<byte> destination);
}

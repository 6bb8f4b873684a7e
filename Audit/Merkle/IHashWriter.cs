namespace Audit.Merkle;

/// <summary>
/// Receives the hashes a <see cref="MerkleTreeBuilder"/> produces when leaves are appended: each
/// leaf hash and each complete subtree root as it becomes complete. Every node is written once.
/// </summary>
public interface IHashWriter
{
    /// <summary>Stores the hash of <paramref name="node"/>.</summary>
    void WriteHash(NodeId node, ReadOnlySpan<byte> hash);
}

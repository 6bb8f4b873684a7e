namespace Audit.Merkle;

/// <summary>
/// An RFC 9162 §2.1.3 inclusion proof: the sibling hashes on the path from the leaf at
/// <see cref="LeafIndex"/> to the root of the tree of <see cref="TreeSize"/> leaves, ordered
/// from the leaf upward.
/// </summary>
/// <param name="LeafIndex">The leaf's index, counted from 0.</param>
/// <param name="TreeSize">The size of the tree the proof is for.</param>
/// <param name="Path">The 32-byte hashes, leaf end first.</param>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> Path);

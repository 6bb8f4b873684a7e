namespace Audit.Merkle;

/// <summary>
/// An RFC 9162 §2.1.4 consistency proof that the tree of <see cref="FromSize"/> leaves is a
/// prefix of the tree of <see cref="ToSize"/> leaves.
/// </summary>
/// <param name="FromSize">The older, smaller tree size.</param>
/// <param name="ToSize">The newer tree size.</param>
/// <param name="Path">The 32-byte hashes in RFC 9162 order.</param>
public sealed record ConsistencyProof(long FromSize, long ToSize, IReadOnlyList<byte[]> Path);

namespace Audit.Merkle;

/// <summary>
/// Names the root of a complete (perfect) subtree: level 0 is the leaves, and the node at
/// (<see cref="Level"/>, <see cref="Index"/>) covers leaves
/// [<c>Index·2^Level</c>, <c>(Index+1)·2^Level</c>). Such nodes never change once written,
/// which is why storage keeps only them.
/// </summary>
/// <param name="Level">Height above the leaves, 0 to 62.</param>
/// <param name="Index">Position among the nodes of that level, counted from 0.</param>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>The first leaf the subtree covers.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The number of leaves the subtree covers.</summary>
    public long Width => 1L << Level;
}

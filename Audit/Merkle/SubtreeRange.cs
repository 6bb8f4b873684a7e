namespace Audit.Merkle;

/// <summary>
/// Splits a leaf range into the complete subtrees that cover it, and folds their hashes into the
/// range's RFC 6962 subtree hash.
/// </summary>
internal static class SubtreeRange
{
    /// <summary>
    /// Appends to <paramref name="nodes"/> the complete subtrees that cover [begin, end), left to
    /// right, each as large as alignment allows. When <paramref name="begin"/> is a multiple of a
    /// power of two at least <c>end - begin</c> (true for every range a proof names) the RFC 6962
    /// hash of the range is the right-to-left fold of these nodes.
    /// </summary>
    public static void Decompose(long begin, long end, List<NodeId> nodes)
    {
        while (begin < end)
        {
            var level = 63 - (int)long.LeadingZeroCount(end - begin);
            if (begin != 0)
            {
                level = Math.Min(level, (int)long.TrailingZeroCount(begin));
            }

            nodes.Add(new NodeId(level, begin >> level));
            begin += 1L << level;
        }
    }

    /// <summary>
    /// Folds <paramref name="count"/> consecutive 32-byte hashes of a range's complete subtrees
    /// (left to right in <paramref name="hashes"/>) into the range hash, written to
    /// <paramref name="destination"/>.
    /// </summary>
    public static void Fold(ReadOnlySpan<byte> hashes, int count, Span<byte> destination)
    {
        const int size = Rfc6962.HashSize;
        hashes.Slice((count - 1) * size, size).CopyTo(destination);
        for (var i = count - 2; i >= 0; i--)
        {
            Rfc6962.HashChildren(hashes.Slice(i * size, size), destination[..size], destination);
        }
    }

    /// <summary>The largest power of two strictly less than <paramref name="n"/> (n ≥ 2).</summary>
    public static long SplitPoint(long n) => 1L << (63 - (int)long.LeadingZeroCount(n - 1));
}

namespace Audit.Merkle;

/// <summary>
/// Computes root hashes, inclusion proofs and consistency proofs (RFC 9162 §2.1) from stored
/// complete-subtree hashes. Each proof element is the hash of a leaf range that is a union of at
/// most log2(n) complete subtrees, so a proof costs O(log n) hashes read in one batch from the
/// <see cref="IHashReader"/>, plus at most O(log n) hash computations for the right edge.
/// </summary>
public sealed partial class MerkleProver
{
    private const int HashSize = Rfc6962.HashSize;

    private readonly IHashReader _reader;

    /// <summary>Creates a prover over <paramref name="reader"/>.</summary>
    public MerkleProver(IHashReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>Returns the root hash of the tree's first <paramref name="size"/> leaves.</summary>
    public ProofResult<byte[]> GetRootHash(long size)
    {
        if (size < 0 || size > _reader.Size)
        {
            return ProofResult<byte[]>.Failure(ProofError.SizeOutOfRange);
        }

        if (size == 0)
        {
            return ProofResult<byte[]>.Success(Rfc6962.EmptyRoot.ToArray());
        }

        var hashes = ReadRanges([(0, size)]);
        return hashes is null
            ? ProofResult<byte[]>.Failure(ProofError.HashesUnavailable)
            : ProofResult<byte[]>.Success(hashes[0]);
    }

    /// <summary>
    /// Returns the inclusion proof for the leaf at <paramref name="index"/> in the tree of
    /// <paramref name="size"/> leaves.
    /// </summary>
    public ProofResult<InclusionProof> ProveInclusion(long index, long size)
    {
        if (size <= 0 || size > _reader.Size)
        {
            return ProofResult<InclusionProof>.Failure(ProofError.SizeOutOfRange);
        }

        if (index < 0 || index >= size)
        {
            return ProofResult<InclusionProof>.Failure(ProofError.IndexOutOfRange);
        }

        var ranges = InclusionRanges(index, 0, size);
        var path = ReadRanges(ranges);
        return path is null
            ? ProofResult<InclusionProof>.Failure(ProofError.HashesUnavailable)
            : ProofResult<InclusionProof>.Success(new InclusionProof(index, size, path));
    }

    /// <summary>
    /// Returns the consistency proof between the trees of <paramref name="fromSize"/> and
    /// <paramref name="toSize"/> leaves. Equal sizes give an empty proof; a proof from the empty
    /// tree is meaningless and refused.
    /// </summary>
    public ProofResult<ConsistencyProof> ProveConsistency(long fromSize, long toSize)
    {
        if (toSize < 0 || toSize > _reader.Size)
        {
            return ProofResult<ConsistencyProof>.Failure(ProofError.SizeOutOfRange);
        }

        if (fromSize <= 0 || fromSize > toSize)
        {
            return ProofResult<ConsistencyProof>.Failure(ProofError.InvalidSizes);
        }

        if (fromSize == toSize)
        {
            return ProofResult<ConsistencyProof>.Success(new ConsistencyProof(fromSize, toSize, []));
        }

        // RFC 9162 SUBPROOF(m, D[0:n], true), unrolled: the recursion appends one sibling per
        // level after the recursive part, so collect them top-down and reverse.
        var suffix = new List<(long Begin, long End)>();
        (long Begin, long End)? seed = null;
        long begin = 0, end = toSize, m = fromSize;
        var isWholeOldTree = true;
        while (true)
        {
            if (m == end - begin)
            {
                if (!isWholeOldTree)
                {
                    seed = (begin, end);
                }

                break;
            }

            var k = SubtreeRange.SplitPoint(end - begin);
            if (m <= k)
            {
                suffix.Add((begin + k, end));
                end = begin + k;
            }
            else
            {
                suffix.Add((begin, begin + k));
                begin += k;
                m -= k;
                isWholeOldTree = false;
            }
        }

        var ranges = new List<(long Begin, long End)>(suffix.Count + 1);
        if (seed is { } s)
        {
            ranges.Add(s);
        }

        for (var i = suffix.Count - 1; i >= 0; i--)
        {
            ranges.Add(suffix[i]);
        }

        var path = ReadRanges(ranges);
        return path is null
            ? ProofResult<ConsistencyProof>.Failure(ProofError.HashesUnavailable)
            : ProofResult<ConsistencyProof>.Success(new ConsistencyProof(fromSize, toSize, path));
    }

    // Walks from the root of [begin, end) down to the leaf; each step's sibling is a proof
    // element, and the proof lists them from the leaf up.
    private static List<(long Begin, long End)> InclusionRanges(long index, long begin, long end)
    {
        var ranges = new List<(long Begin, long End)>();
        while (end - begin > 1)
        {
            var split = begin + SubtreeRange.SplitPoint(end - begin);
            if (index < split)
            {
                ranges.Add((split, end));
                end = split;
            }
            else
            {
                ranges.Add((begin, split));
                begin = split;
            }
        }

        ranges.Reverse();
        return ranges;
    }

    // Reads the complete subtrees of every range in one batch and folds each range into its hash.
    private byte[][]? ReadRanges(IReadOnlyList<(long Begin, long End)> ranges)
    {
        var nodes = new List<NodeId>(ranges.Count * 2);
        var counts = new int[ranges.Count];
        for (var i = 0; i < ranges.Count; i++)
        {
            var before = nodes.Count;
            SubtreeRange.Decompose(ranges[i].Begin, ranges[i].End, nodes);
            counts[i] = nodes.Count - before;
        }

        var buffer = new byte[nodes.Count * HashSize];
        if (!_reader.TryReadHashes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nodes), buffer))
        {
            return null;
        }

        var result = new byte[ranges.Count][];
        var offset = 0;
        for (var i = 0; i < ranges.Count; i++)
        {
            result[i] = new byte[HashSize];
            SubtreeRange.Fold(buffer.AsSpan(offset * HashSize, counts[i] * HashSize), counts[i], result[i]);
            offset += counts[i];
        }

        return result;
    }
}

namespace Audit.Merkle;

/// <summary>Proofs about subtrees (aligned leaf ranges); see <see cref="SubtreeProofVerifier"/>.</summary>
public sealed partial class MerkleProver
{
    /// <summary>
    /// Returns the inclusion proof for the leaf at absolute <paramref name="index"/> within the
    /// subtree [<paramref name="start"/>, <paramref name="end"/>), checked with
    /// <see cref="SubtreeProofVerifier.VerifyInclusion"/>. The proof's
    /// <see cref="InclusionProof.LeafIndex"/> and <see cref="InclusionProof.TreeSize"/> are
    /// relative to the subtree.
    /// </summary>
    public ProofResult<InclusionProof> ProveSubtreeInclusion(long index, long start, long end)
    {
        if (!SubtreeProofVerifier.IsValidSubtree(start, end))
        {
            return ProofResult<InclusionProof>.Failure(ProofError.InvalidSizes);
        }

        if (end > _reader.Size)
        {
            return ProofResult<InclusionProof>.Failure(ProofError.SizeOutOfRange);
        }

        if (index < start || index >= end)
        {
            return ProofResult<InclusionProof>.Failure(ProofError.IndexOutOfRange);
        }

        var path = ReadRanges(InclusionRanges(index, start, end));
        return path is null
            ? ProofResult<InclusionProof>.Failure(ProofError.HashesUnavailable)
            : ProofResult<InclusionProof>.Success(new InclusionProof(index - start, end - start, path));
    }

    /// <summary>
    /// Returns the proof that the subtree [<paramref name="start"/>, <paramref name="end"/>) is
    /// part of the tree of <paramref name="size"/> leaves, checked with
    /// <see cref="SubtreeProofVerifier.VerifyConsistency"/>.
    /// </summary>
    public ProofResult<IReadOnlyList<byte[]>> ProveSubtreeConsistency(long start, long end, long size)
    {
        if (!SubtreeProofVerifier.IsValidSubtree(start, end) || end > size)
        {
            return ProofResult<IReadOnlyList<byte[]>>.Failure(ProofError.InvalidSizes);
        }

        if (size > _reader.Size)
        {
            return ProofResult<IReadOnlyList<byte[]>>.Failure(ProofError.SizeOutOfRange);
        }

        // Like SUBPROOF for consistency: descend towards the subtree, recording the sibling of
        // each step; the proof lists them bottom-up, after the subtree's own hash when the walk
        // ends inside a node the verifier cannot know.
        var suffix = new List<(long Begin, long End)>();
        (long Begin, long End)? seed = null;
        long begin = 0, stop = size;
        var known = true;
        while (true)
        {
            if (start == begin && end == stop)
            {
                if (!known)
                {
                    seed = (begin, stop);
                }

                break;
            }

            var split = begin + SubtreeRange.SplitPoint(stop - begin);
            if (end <= split)
            {
                suffix.Add((split, stop));
                stop = split;
            }
            else
            {
                // Either the subtree lies right of the split, or it straddles it (then it starts
                // at begin, and the part right of the split is a prefix the verifier must be given).
                suffix.Add((begin, split));
                known &= start >= split;
                start = Math.Max(start, split);
                begin = split;
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
            ? ProofResult<IReadOnlyList<byte[]>>.Failure(ProofError.HashesUnavailable)
            : ProofResult<IReadOnlyList<byte[]>>.Success(path);
    }
}

using System.Numerics;
using System.Security.Cryptography;

namespace Audit.Merkle;

/// <summary>
/// Verifies proofs about a <em>subtree</em>, a leaf range [start, end) whose start is a multiple
/// of the smallest power of two not below its width (the subtree proofs of the IETF Merkle Tree
/// Certificates draft). They let an auditor check a whole batch of entries, such as one day's
/// events, against a checkpoint with one hash and one proof.
/// </summary>
public static class SubtreeProofVerifier
{
    private const int HashSize = Rfc6962.HashSize;
    private const int MaxProofLength = 64;

    /// <summary>
    /// Whether [<paramref name="start"/>, <paramref name="end"/>) is a subtree: non-empty, and
    /// aligned so that its hash is a single node of every tree that contains it.
    /// </summary>
    public static bool IsValidSubtree(long start, long end)
    {
        if (start < 0 || end <= start)
        {
            return false;
        }

        var alignment = BitOperations.RoundUpToPowerOf2((ulong)(end - start));
        return alignment != 0 && (ulong)start % alignment == 0;
    }

    /// <summary>
    /// Checks that <paramref name="leafHash"/> is the leaf at absolute index
    /// <paramref name="index"/> of the subtree [<paramref name="start"/>, <paramref name="end"/>)
    /// whose hash is <paramref name="subtreeHash"/>. The proof is the ordinary inclusion proof
    /// within the subtree, leaf end first.
    /// </summary>
    public static ProofVerification VerifyInclusion(
        long index, long start, long end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (!IsValidSubtree(start, end))
        {
            return ProofVerification.Invalid(VerificationFailure.InvalidSizes);
        }

        if (index < start || index >= end)
        {
            return ProofVerification.Invalid(VerificationFailure.IndexOutOfRange);
        }

        // The subtree hash is the root of the tree made of just its leaves.
        return ProofVerifier.VerifyInclusion(index - start, end - start, leafHash, proof, subtreeHash);
    }

    /// <summary>
    /// Checks that the subtree [<paramref name="start"/>, <paramref name="end"/>) with hash
    /// <paramref name="subtreeHash"/> sits at those positions in the tree of
    /// <paramref name="size"/> leaves whose root is <paramref name="root"/>. An empty range is
    /// trivially contained when its hash is the empty-tree hash and the proof is empty.
    /// </summary>
    public static ProofVerification VerifyConsistency(
        long start, long end, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeHash, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (start == end && start >= 0 && end <= size)
        {
            if (proof.Count != 0)
            {
                return ProofVerification.Invalid(VerificationFailure.WrongProofLength);
            }

            return Equal(subtreeHash, Rfc6962.EmptyRoot) ? ProofVerification.Valid : ProofVerification.Invalid(VerificationFailure.RootMismatch);
        }

        if (!IsValidSubtree(start, end) || end > size)
        {
            return ProofVerification.Invalid(VerificationFailure.InvalidSizes);
        }

        if (proof.Count > MaxProofLength)
        {
            return ProofVerification.Invalid(VerificationFailure.WrongProofLength);
        }

        foreach (var p in proof)
        {
            if (p is null || p.Length != HashSize)
            {
                return ProofVerification.Invalid(VerificationFailure.WrongHashSize);
            }
        }

        // fn and sn follow the subtree's first and last leaf, tn the tree's last leaf; shifting
        // right climbs a level. Climb first through the levels that need no proof hash: all of
        // them while the subtree ends at the tree's right edge, otherwise while sn is a right child.
        long fn = start, sn = end - 1, tn = size - 1;
        var flush = sn == tn;
        while (fn != sn && (flush || (sn & 1) == 1))
        {
            fn >>= 1;
            sn >>= 1;
            tn >>= 1;
        }

        var next = 0;
        Span<byte> fr = stackalloc byte[HashSize];
        Span<byte> sr = stackalloc byte[HashSize];
        if (fn == sn)
        {
            // The subtree is itself a node on the path: seed both walks with its hash.
            if (proof.Count == 0)
            {
                return tn == 0 && Equal(subtreeHash, root)
                    ? ProofVerification.Valid
                    : ProofVerification.Invalid(tn == 0 ? VerificationFailure.RootMismatch : VerificationFailure.WrongProofLength);
            }

            if (subtreeHash.Length != HashSize)
            {
                return ProofVerification.Invalid(VerificationFailure.WrongHashSize);
            }

            subtreeHash.CopyTo(fr);
        }
        else
        {
            if (proof.Count == 0)
            {
                return ProofVerification.Invalid(VerificationFailure.WrongProofLength);
            }

            proof[0].CopyTo(fr);
            next = 1;
        }

        fr.CopyTo(sr);
        for (; next < proof.Count; next++)
        {
            var c = proof[next];
            if (tn == 0)
            {
                return ProofVerification.Invalid(VerificationFailure.WrongProofLength);
            }

            if ((sn & 1) == 1 || sn == tn)
            {
                // A left sibling: part of the subtree's own hash only while fn and sn have not met.
                if (fn < sn)
                {
                    Rfc6962.HashChildren(c, fr, fr);
                }

                Rfc6962.HashChildren(c, sr, sr);
                while ((sn & 1) == 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                    tn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
            tn >>= 1;
        }

        if (tn != 0)
        {
            return ProofVerification.Invalid(VerificationFailure.WrongProofLength);
        }

        return Equal(fr, subtreeHash) && Equal(sr, root)
            ? ProofVerification.Valid
            : ProofVerification.Invalid(VerificationFailure.RootMismatch);
    }

    private static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) => CryptographicOperations.FixedTimeEquals(a, b);
}

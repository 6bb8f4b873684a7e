using System.Security.Cryptography;

namespace Audit.Merkle;

/// <summary>
/// Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. Everything passed in
/// is treated as untrusted: wrong lengths, sizes and proof lengths give a failure value, never an
/// exception.
/// </summary>
public static class ProofVerifier
{
    private const int HashSize = Rfc6962.HashSize;

    // A tree of at most 2^63 leaves never needs more hashes than this in a proof.
    private const int MaxProofLength = 64;

    /// <summary>
    /// Checks that <paramref name="leafHash"/> is the leaf at <paramref name="index"/> of the tree
    /// of <paramref name="size"/> leaves whose root is <paramref name="root"/>.
    /// </summary>
    public static ProofVerification VerifyInclusion(
        long index, long size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || size <= 0 || index >= size)
        {
            return Fail(VerificationFailure.IndexOutOfRange);
        }

        if (leafHash.Length != HashSize || !AllHashSized(proof))
        {
            return Fail(VerificationFailure.WrongHashSize);
        }

        if (proof.Count > MaxProofLength)
        {
            return Fail(VerificationFailure.WrongProofLength);
        }

        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[HashSize];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return Fail(VerificationFailure.WrongProofLength);
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                Rfc6962.HashChildren(p, r, r);

                // Levels where this node has no right sibling contribute nothing to the proof.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return Fail(VerificationFailure.WrongProofLength);
        }

        return Equal(r, root) ? ProofVerification.Valid : Fail(VerificationFailure.RootMismatch);
    }

    /// <summary>Checks an <see cref="InclusionProof"/> for <paramref name="leafHash"/> against <paramref name="root"/>.</summary>
    public static ProofVerification VerifyInclusion(InclusionProof proof, ReadOnlySpan<byte> leafHash, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return VerifyInclusion(proof.LeafIndex, proof.TreeSize, leafHash, proof.Path, root);
    }

    /// <summary>
    /// Checks that the tree of <paramref name="fromSize"/> leaves with root
    /// <paramref name="fromRoot"/> is a prefix of the tree of <paramref name="toSize"/> leaves with
    /// root <paramref name="toRoot"/>. Equal sizes need an empty proof and equal roots; a proof
    /// from the empty tree proves nothing and is refused.
    /// </summary>
    public static ProofVerification VerifyConsistency(
        long fromSize, long toSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (fromSize <= 0 || fromSize > toSize)
        {
            return Fail(VerificationFailure.InvalidSizes);
        }

        if (fromSize == toSize)
        {
            if (proof.Count != 0)
            {
                return Fail(VerificationFailure.WrongProofLength);
            }

            return Equal(fromRoot, toRoot) ? ProofVerification.Valid : Fail(VerificationFailure.RootMismatch);
        }

        if (proof.Count == 0 || proof.Count > MaxProofLength)
        {
            return Fail(VerificationFailure.WrongProofLength);
        }

        if (!AllHashSized(proof) || fromRoot.Length != HashSize)
        {
            return Fail(VerificationFailure.WrongHashSize);
        }

        // When the old tree is a complete subtree of the new one its root is the proof's
        // implicit first element.
        var start = 0;
        Span<byte> fr = stackalloc byte[HashSize];
        Span<byte> sr = stackalloc byte[HashSize];
        if (long.IsPow2(fromSize))
        {
            fromRoot.CopyTo(fr);
        }
        else
        {
            proof[0].CopyTo(fr);
            start = 1;
        }

        fr.CopyTo(sr);
        var fn = fromSize - 1;
        var sn = toSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        for (var i = start; i < proof.Count; i++)
        {
            var c = proof[i];
            if (sn == 0)
            {
                return Fail(VerificationFailure.WrongProofLength);
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                Rfc6962.HashChildren(c, fr, fr);
                Rfc6962.HashChildren(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                Rfc6962.HashChildren(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        if (sn != 0)
        {
            return Fail(VerificationFailure.WrongProofLength);
        }

        return Equal(fr, fromRoot) && Equal(sr, toRoot)
            ? ProofVerification.Valid
            : Fail(VerificationFailure.RootMismatch);
    }

    /// <summary>Checks a <see cref="ConsistencyProof"/> against the two roots.</summary>
    public static ProofVerification VerifyConsistency(ConsistencyProof proof, ReadOnlySpan<byte> fromRoot, ReadOnlySpan<byte> toRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return VerifyConsistency(proof.FromSize, proof.ToSize, proof.Path, fromRoot, toRoot);
    }

    private static bool AllHashSized(IReadOnlyList<byte[]> proof)
    {
        foreach (var p in proof)
        {
            if (p is null || p.Length != HashSize)
            {
                return false;
            }
        }

        return true;
    }

    // Lengths differ only for malformed input, which FixedTimeEquals rejects as well.
    private static bool Equal(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        CryptographicOperations.FixedTimeEquals(a, b);

    private static ProofVerification Fail(VerificationFailure failure) => ProofVerification.Invalid(failure);
}

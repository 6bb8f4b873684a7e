namespace Audit.Merkle;

/// <summary>Why a proof did not verify. Stable codes: callers may log and compare them.</summary>
public enum VerificationFailure
{
    /// <summary>The proof verified.</summary>
    None,

    /// <summary>The leaf index is negative or not below the tree size.</summary>
    IndexOutOfRange,

    /// <summary>The sizes are negative, out of order, or the older one is zero.</summary>
    InvalidSizes,

    /// <summary>The leaf hash or a proof element is not 32 bytes.</summary>
    WrongHashSize,

    /// <summary>The proof has the wrong number of elements for the sizes claimed.</summary>
    WrongProofLength,

    /// <summary>The proof does not lead to the expected root (or, for consistency, the old root).</summary>
    RootMismatch,
}

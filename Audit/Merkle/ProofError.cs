namespace Audit.Merkle;

/// <summary>Why a proof or root could not be produced.</summary>
public enum ProofError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The leaf index is negative or not below the tree size.</summary>
    IndexOutOfRange,

    /// <summary>A tree size is negative or beyond what storage holds.</summary>
    SizeOutOfRange,

    /// <summary>The older size of a consistency proof is zero or larger than the newer one.</summary>
    InvalidSizes,

    /// <summary>Storage did not return a hash it should hold.</summary>
    HashesUnavailable,
}

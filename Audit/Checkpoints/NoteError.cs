namespace Audit.Checkpoints;

/// <summary>
/// Why a signed note, verifier key or checkpoint was refused. Stable codes: safe to return to a
/// caller and to compare; the input that caused them is not echoed.
/// </summary>
public enum NoteError
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The input exceeds the size limit.</summary>
    TooLarge,

    /// <summary>The input is not well-formed UTF-8 or contains control characters other than newline.</summary>
    InvalidText,

    /// <summary>The note lacks the blank line and signature block, or a signature line is malformed.</summary>
    MalformedNote,

    /// <summary>The note carries more signatures than the limit.</summary>
    TooManySignatures,

    /// <summary>A key name is empty, or contains a space or a plus sign.</summary>
    InvalidKeyName,

    /// <summary>A verifier key is not in <c>name+hash+base64key</c> form, or its hash does not match.</summary>
    InvalidVerifierKey,

    /// <summary>The key's algorithm is not Ed25519.</summary>
    UnsupportedAlgorithm,

    /// <summary>A signature by a trusted key did not verify.</summary>
    InvalidSignature,

    /// <summary>No signature by a trusted key was present.</summary>
    NoTrustedSignature,

    /// <summary>The checkpoint body is not origin, decimal size and base64 root hash lines.</summary>
    MalformedCheckpoint,

    /// <summary>The checkpoint's origin is not the one expected.</summary>
    OriginMismatch,

    /// <summary>The new checkpoint is not consistent with the last one signed.</summary>
    Inconsistent,
}

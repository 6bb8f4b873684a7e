using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The key escrow's codes: dual certificate pairs and the recovery of escrowed encryption keys.</summary>
public static partial class ProblemCodes
{
    /// <summary>The request cannot have an encryption certificate.</summary>
    public static readonly ProblemCode EncryptionCertificateUnsupported = new("encryption-certificate-unsupported", Status400BadRequest,
        "A dual pair needs a signing key of SM2, ECDSA (P-256, P-384) or RSA whose names the encryption profile allows.");

    /// <summary>The certificate's key is not in escrow.</summary>
    public static readonly ProblemCode EscrowedKeyUnknown = new("escrowed-key-unknown", Status404NotFound,
        "The certificate's private key is not in escrow here: only the encryption certificate of a dual pair has an escrowed key.");

    /// <summary>The decision point does not allow the caller to recover the department's keys.</summary>
    public static readonly ProblemCode KeyRecoveryDenied = new("key-recovery-denied", Status403Forbidden,
        "The platform's policy does not allow you to recover escrowed keys of that department (role key-recovery-officer).");

    /// <summary>No decision point to ask.</summary>
    public static readonly ProblemCode KeyRecoveryUnavailable = new("key-recovery-unavailable", Status503ServiceUnavailable,
        "Key recovery needs the platform's decision point, which this node cannot reach.");

    /// <summary>No such key recovery.</summary>
    public static readonly ProblemCode KeyRecoveryUnknown = new("key-recovery-unknown", Status404NotFound,
        "There is no key recovery with that id you may read.");

    /// <summary>The recovery was approved already, or has expired.</summary>
    public static readonly ProblemCode KeyRecoveryClosed = new("key-recovery-closed", Status409Conflict,
        "The key recovery is no longer pending: its key was released, or it expired.");

    /// <summary>Dual control: the officer who opened a recovery cannot approve it.</summary>
    public static readonly ProblemCode KeyRecoveryApproverIsOpener = new("key-recovery-approver-is-opener", Status403Forbidden,
        "Whoever opened a key recovery cannot approve it: a second key-recovery officer does.");

    /// <summary>The recovery's reason is missing or breaks a rule.</summary>
    public static readonly ProblemCode KeyRecoveryReasonInvalid = new("key-recovery-reason-invalid", Status400BadRequest,
        "reason is required: 1 to 1000 characters, without control characters but line breaks.");

    /// <summary>The certificate to release the key to is not one the key can be encrypted to.</summary>
    public static readonly ProblemCode KeyRecoveryRecipientInvalid = new("key-recovery-recipient-invalid", Status400BadRequest,
        "recipient must be a PEM certificate this CA issued, valid and not revoked, whose key (RSA, ECDSA, or SM2 for an SM2 key) can receive the escrowed key.");
}

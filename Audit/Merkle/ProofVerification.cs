namespace Audit.Merkle;

/// <summary>
/// The outcome of checking a proof: valid, or the reason it is not. The default value is not
/// valid, so an outcome that was never computed can never pass for a verified proof.
/// </summary>
public readonly record struct ProofVerification
{
    private ProofVerification(bool isValid, VerificationFailure failure)
    {
        IsValid = isValid;
        Failure = failure;
    }

    /// <summary>The successful outcome.</summary>
    public static ProofVerification Valid { get; } = new(true, VerificationFailure.None);

    /// <summary>Whether the proof verified.</summary>
    public bool IsValid { get; }

    /// <summary>Why the proof failed; <see cref="VerificationFailure.None"/> when it verified.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>A failed outcome.</summary>
    public static ProofVerification Invalid(VerificationFailure failure)
    {
        if (failure == VerificationFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), "A failure needs a reason.");
        }

        return new(false, failure);
    }
}

namespace Audit.Merkle;

/// <summary>The outcome of checking a proof: valid, or the reason it is not.</summary>
/// <param name="Failure">Why the proof failed, or <see cref="VerificationFailure.None"/>.</param>
public readonly record struct ProofVerification(VerificationFailure Failure)
{
    /// <summary>The successful outcome.</summary>
    public static ProofVerification Valid => default;

    /// <summary>Whether the proof verified.</summary>
    public bool IsValid => Failure == VerificationFailure.None;
}

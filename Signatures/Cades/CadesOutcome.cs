namespace Signatures.Cades;

/// <summary>A signature, or why there is none.</summary>
/// <param name="Signature">The signature; null on failure.</param>
/// <param name="Failure">What was unavailable.</param>
/// <param name="Detail">Why, safe to answer.</param>
internal sealed record CadesOutcome(CadesSignature? Signature, CadesFailure? Failure = null, string? Detail = null)
{
    /// <summary>A failure.</summary>
    public static CadesOutcome Failed(CadesFailure failure, string detail) => new(null, failure, detail);
}

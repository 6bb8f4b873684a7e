namespace Identity.Signing;

/// <summary>The outcome of a rotation and the key it concerns (the new one, or the one already pending).</summary>
internal sealed record SigningKeyRotationResult(SigningKeyRotationOutcome Outcome, SigningKeyEntry Key, SigningKeyEntry? Current);

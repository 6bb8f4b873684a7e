namespace Identity.Signing;

/// <summary>What a rotation did, for the operator.</summary>
/// <param name="Rotated">True when a key was made; false when a pending one made the rotation unnecessary.</param>
/// <param name="KeyId">The new key, or the one already pending.</param>
/// <param name="Activates">When that key starts signing.</param>
/// <param name="Message">One line for the operator.</param>
public sealed record SigningKeyRotationReport(bool Rotated, string KeyId, DateTimeOffset Activates, string Message);

namespace Identity.Signing;

/// <summary>What a rotation did.</summary>
internal enum SigningKeyRotationOutcome
{
    /// <summary>A next key was made; it signs from its activation time.</summary>
    Created,
    /// <summary>The ring was empty: the first key was made and signs at once.</summary>
    CreatedFirst,
    /// <summary>A next key was already waiting for its activation: nothing changed.</summary>
    AlreadyPending,
}

namespace Identity.Signing;

/// <summary>Rotates the token-signing key, as the <c>identity rotate-keys</c> command does (server stopped).</summary>
public interface ISigningKeyRotator
{
    /// <summary>
    /// Makes the next token-signing key (published at once, signing after
    /// <c>Identity:SigningKeyActivationHours</c>) and records it in the audit trail; while a next
    /// key is still pending, changes nothing and records the refusal.
    /// </summary>
    Task<SigningKeyRotationReport> RotateAsync(CancellationToken cancellationToken = default);
}

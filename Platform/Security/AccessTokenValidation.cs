namespace Platform.Security;

/// <summary>The outcome of validating an access token: its claims, or a refusal a caller may read.</summary>
/// <param name="Token">The validated claims; null when refused.</param>
/// <param name="Refusal">Why the token is not accepted (expired, revoked, …), without the validator's internals; null when accepted.</param>
public sealed record AccessTokenValidation(ValidatedAccessToken? Token, string? Refusal)
{
    /// <summary>An accepted token.</summary>
    public static AccessTokenValidation Accepted(ValidatedAccessToken token) => new(token, null);

    /// <summary>A refused token, with the reason.</summary>
    public static AccessTokenValidation Refused(string reason) => new(null, reason);
}

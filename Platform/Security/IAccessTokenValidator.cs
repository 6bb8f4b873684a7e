namespace Platform.Security;

/// <summary>
/// Validates an access token of the platform's own identity provider in process: its signature
/// under the provider's current keys, its issuer, type (<c>at+jwt</c>) and lifetime, and that it
/// was not revoked. Any audience is accepted: the caller is the resource the token was issued for,
/// asking on its holder's behalf. Registered by the identity module; absent without it.
/// </summary>
public interface IAccessTokenValidator
{
    /// <summary>The token's claims, or why it is not accepted.</summary>
    Task<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken);
}

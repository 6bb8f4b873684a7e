using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Security;

namespace Identity.Server.Tokens;

/// <summary>
/// The platform contract's validator of the provider's access tokens, for modules that take a
/// token's claims as a principal (the decision point): the same checks as the platform's bearer
/// scheme, for any audience.
/// </summary>
internal sealed class AccessTokenValidator(IOptionsMonitor<OpenIddictServerOptions> server, IOpenIddictTokenManager tokens) : IAccessTokenValidator
{
    /// <summary>Longer than any JWT this provider issues; a longer string is not read.</summary>
    private const int MaxTokenLength = 16 * 1024;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength)
        {
            return AccessTokenValidation.Refused("it is malformed.");
        }

        var result = await Handler.ValidateTokenAsync(token, AccessTokenParameters.Create(server, audience: null));
        if (!result.IsValid)
        {
            return AccessTokenValidation.Refused(AccessTokenParameters.Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (await StoredTokens.IsRevokedAsync(tokens, Claim(jwt, StoredTokens.IdClaim), cancellationToken))
        {
            return AccessTokenValidation.Refused(StoredTokens.Revoked);
        }

        return AccessTokenValidation.Accepted(AccessTokenClaims.Read(jwt.EncodedPayload));
    }

    private static string? Claim(JsonWebToken jwt, string type) => jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
}

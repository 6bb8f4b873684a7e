using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Security;

namespace Identity.Server.Tokens;

/// <summary>
/// The platform contract's validator of the provider's access tokens, for modules that take a
/// token's claims as a principal (the decision point, the gateway): the same checks as the
/// platform's bearer scheme, for any audience. A token verified before is not verified again
/// while nothing its verification rests on changed (<see cref="VerifiedAccessTokens"/>); whether
/// it was revoked is read every time.
/// </summary>
internal sealed class AccessTokenValidator(IOptionsMonitor<OpenIddictServerOptions> server, IOpenIddictTokenManager tokens, VerifiedAccessTokens verified)
    : IAccessTokenValidator
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

        var options = server.CurrentValue;
        if (!verified.TryGet(token, options, out var accepted))
        {
            var result = await Handler.ValidateTokenAsync(token, AccessTokenParameters.Create(server, audience: null));
            if (!result.IsValid)
            {
                return AccessTokenValidation.Refused(AccessTokenParameters.Describe(result.Exception));
            }

            accepted = verified.Add(token, (JsonWebToken)result.SecurityToken, options);
        }

        if (await StoredTokens.IsRevokedAsync(tokens, accepted.StoredId, cancellationToken))
        {
            return AccessTokenValidation.Refused(StoredTokens.Revoked);
        }

        return AccessTokenValidation.Accepted(accepted.Claims);
    }
}

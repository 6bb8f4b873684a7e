using System.Text.Json;
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

        var methods = Claims(jwt, OpenIddictConstants.Claims.AuthenticationMethodReference);
        return AccessTokenValidation.Accepted(new ValidatedAccessToken(
            Subject: jwt.Subject,
            ClientId: Claim(jwt, OpenIddictConstants.Claims.ClientId) ?? jwt.Subject,
            IsPerson: methods.Count > 0,
            Department: Claim(jwt, PersonPrincipal.DepartmentClaim),
            Roles: Claims(jwt, OpenIddictConstants.Claims.Role),
            Clearance: Claim(jwt, PersonPrincipal.ClearanceClaim),
            AuthenticationMethods: methods,
            Audiences: [.. jwt.Audiences],
            Scopes: (Claim(jwt, OpenIddictConstants.Claims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            ExpiresAt: jwt.ValidTo == DateTime.MinValue ? DateTimeOffset.MaxValue : new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero),
            CertificateThumbprint: Thumbprint(jwt)));
    }

    private static string? Claim(JsonWebToken jwt, string type) => jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;

    // A claim OpenIddict writes as a string for one value and an array for several.
    private static List<string> Claims(JsonWebToken jwt, string type) =>
        [.. jwt.Claims.Where(c => c.Type == type).Select(c => c.Value)];

    private static string? Thumbprint(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<JsonElement>(OpenIddictConstants.Claims.Confirmation, out var cnf) && cnf.ValueKind == JsonValueKind.Object
            && cnf.TryGetProperty("x5t#S256", out var x5t) && x5t.ValueKind == JsonValueKind.String
            ? x5t.GetString()
            : null;
}

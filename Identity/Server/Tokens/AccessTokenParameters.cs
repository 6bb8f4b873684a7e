using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server.Tokens;

/// <summary>
/// How the platform validates its own provider's access tokens in process (RFC 9068 JWTs): this
/// issuer, the provider's current signing keys (rotation included, read on each token), type
/// <c>at+jwt</c>, unexpired within 30 seconds of skew. No discovery or JWKS round trip to itself.
/// </summary>
internal static class AccessTokenParameters
{
    /// <summary>How far past its expiry a token is still taken, for clocks a little apart.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>The parameters; <paramref name="audience"/> null accepts any audience.</summary>
    public static TokenValidationParameters Create(IOptionsMonitor<OpenIddictServerOptions> server, string? audience) => new()
    {
        ValidAudience = audience,
        ValidateAudience = audience is not null,
        ValidTypes = ["at+jwt"],
        NameClaimType = Claims.Subject,
        RoleClaimType = Claims.Role,
        ClockSkew = AccessTokenParameters.ClockSkew,
        IssuerValidator = (issuer, _, _) => issuer == server.CurrentValue.Issuer?.AbsoluteUri
            ? issuer
            : throw new SecurityTokenInvalidIssuerException("The token was not issued by this platform's identity provider."),
        IssuerSigningKeyResolver = (_, _, _, _) => server.CurrentValue.SigningCredentials.Select(c => c.Key),
    };

    /// <summary>What a caller may read of a refusal: the kind, not the library's internals.</summary>
    public static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenInvalidAudienceException => "it is not for this platform's APIs (audience).",
        SecurityTokenInvalidIssuerException => "another issuer made it.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify.",
        SecurityTokenInvalidTypeException => "it is not an access token (typ at+jwt).",
        TokenRefusedException refused => refused.Message,
        _ => "it is malformed.",
    };
}

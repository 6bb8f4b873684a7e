using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Platform.Security;

namespace Gateway.Remote;

/// <summary>
/// Validates the platform's access tokens for a gateway without the identity provider in process,
/// as JwtBearer does: the provider's discovery document and JWK Set fetched over the gateway's
/// connection to the platform (again every 5 minutes, and at once, at most every 30 seconds, for a
/// token signed by a key not yet seen, so a rotation counts at once), then signature, issuer, type
/// <c>at+jwt</c> and lifetime (30 seconds of skew). Revocation is not visible in a token: the
/// platform's decision point, asked about every request such a gateway forwards, validates the
/// token again with its stored state, so a revoked token is denied from the next request.
/// </summary>
internal sealed class JwksAccessTokenValidator : IAccessTokenValidator
{
    private const int MaxTokenLength = 16 * 1024;
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration> provider;

    public JwksAccessTokenValidator(PlatformConnection platform)
    {
        var discovery = new Uri(platform.Client.BaseAddress!, ".well-known/openid-configuration");
        provider = new ConfigurationManager<OpenIdConnectConfiguration>(discovery.AbsoluteUri, new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(platform.Client) { RequireHttps = true })
        {
            AutomaticRefreshInterval = TimeSpan.FromMinutes(5),
            RefreshInterval = TimeSpan.FromSeconds(30),
        };
    }

    public async Task<AccessTokenValidation> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length > MaxTokenLength)
        {
            return AccessTokenValidation.Refused("it is malformed.");
        }

        try
        {
            var result = await ValidateWithKeysAsync(token, cancellationToken);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                // A key published since the last fetch (rotation): fetch once more, then judge.
                provider.RequestRefresh();
                result = await ValidateWithKeysAsync(token, cancellationToken);
            }

            return result.IsValid
                ? AccessTokenValidation.Accepted(AccessTokenClaims.Read(((JsonWebToken)result.SecurityToken).EncodedPayload))
                : AccessTokenValidation.Refused(Describe(result.Exception));
        }
        catch (InvalidOperationException) when (!cancellationToken.IsCancellationRequested)
        {
            // The configuration manager's failure to fetch the provider's document or keys.
            return AccessTokenValidation.Refused("the identity provider's signing keys could not be fetched, so no token can be checked now.");
        }
    }

    private async Task<TokenValidationResult> ValidateWithKeysAsync(string token, CancellationToken cancellationToken)
    {
        var configuration = await provider.GetConfigurationAsync(cancellationToken);
        return await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateAudience = false,
            ValidTypes = ["at+jwt"],
            ClockSkew = TimeSpan.FromSeconds(30),
        });
    }

    /// <summary>What a caller may read of a refusal: the kind, not the library's internals.</summary>
    private static string Describe(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "it has expired.",
        SecurityTokenInvalidIssuerException => "another issuer made it.",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "its signature does not verify.",
        SecurityTokenInvalidTypeException => "it is not an access token (typ at+jwt).",
        _ => "it is malformed.",
    };
}

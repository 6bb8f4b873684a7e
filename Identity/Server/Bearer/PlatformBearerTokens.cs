using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Platform.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server.Bearer;

/// <summary>
/// The platform's own APIs accept the provider's access tokens (RFC 6750 bearer, RFC 9068 JWT),
/// validated in process with the provider's published signing keys: no discovery or JWKS round
/// trip to itself. A token is accepted only for the platform's audience, from this issuer,
/// unexpired; its roles are those the token carries, under the same role rule as a certificate's.
/// </summary>
internal static class PlatformBearerTokens
{
    /// <summary>The audience a token must carry to be accepted by the platform's own APIs.</summary>
    public const string Audience = "securityplatform";

    public static void Add(IServiceCollection services)
    {
        services.Configure<PlatformAuthenticationOptions>(options => options.BearerTokens = true);
        services.AddAuthentication().AddJwtBearer(PlatformAuthentication.BearerScheme, _ => { });
        services.AddOptions<JwtBearerOptions>(PlatformAuthentication.BearerScheme).Configure<IOptionsMonitor<OpenIddictServerOptions>>((bearer, server) =>
        {
            bearer.MapInboundClaims = false;
            bearer.RequireHttpsMetadata = true;
            bearer.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudience = Audience,
                ValidTypes = ["at+jwt"],
                NameClaimType = Claims.Subject,
                RoleClaimType = Claims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
                // Read on each token: the issuer and keys follow the provider's options, rotation included.
                IssuerValidator = (issuer, _, _) => issuer == server.CurrentValue.Issuer?.AbsoluteUri
                    ? issuer
                    : throw new SecurityTokenInvalidIssuerException("The token was not issued by this platform's identity provider."),
                IssuerSigningKeyResolver = (_, _, _, _) => server.CurrentValue.SigningCredentials.Select(c => c.Key),
            };
            bearer.Events = new BearerEvents();
        });
    }
}

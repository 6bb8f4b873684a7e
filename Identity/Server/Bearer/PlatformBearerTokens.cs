using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Identity.Server.Tokens;
using Platform.Security;

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
            bearer.TokenValidationParameters = AccessTokenParameters.Create(server, Audience);
            bearer.Events = new BearerEvents();
        });
    }
}

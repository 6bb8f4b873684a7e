using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Identity.Server.Bearer;
using Identity.Server.ClientCertificates;
using Identity.Server.SignIn;
using Identity.Server.Tokens;
using Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OpenIddict.Server;
using Platform.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server;

/// <summary>OpenIddict's server: the OpenID Connect and OAuth 2 endpoints at their standard paths.</summary>
internal static class IdentityServerServiceCollectionExtensions
{
    /// <summary>The paths discovery names; clients find them there.</summary>
    public static class Paths
    {
        public const string Token = "connect/token";
        public const string Authorization = "connect/authorize";
        public const string Introspection = "connect/introspect";
        public const string Revocation = "connect/revoke";
        public const string UserInfo = "connect/userinfo";
        public const string EndSession = "connect/endsession";
        public const string Jwks = ".well-known/jwks";
    }

    public static OpenIddictBuilder AddIdentityServer(this OpenIddictBuilder builder, IConfiguration configuration)
    {
        builder.AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(Paths.Authorization)
                .SetTokenEndpointUris(Paths.Token)
                .SetUserInfoEndpointUris(Paths.UserInfo)
                .SetEndSessionEndpointUris(Paths.EndSession)
                .SetIntrospectionEndpointUris(Paths.Introspection)
                .SetRevocationEndpointUris(Paths.Revocation)
                .SetJsonWebKeySetEndpointUris(Paths.Jwks);
            server.AllowAuthorizationCodeFlow().AllowClientCredentialsFlow().AllowRefreshTokenFlow();
            // PKCE on every code (RFC 9700), and only S256: the plain method protects nothing.
            server.RequireProofKeyForCodeExchange();
            server.Configure(options => options.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            // Access tokens are plain signed JWTs (RFC 9068) any resource server can verify against
            // JWKS; codes and refresh tokens stay encrypted, readable only here.
            server.DisableAccessTokenEncryption();
            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess);
            server.AddEventHandler(ClientCredentialsGrant.Descriptor);
            server.AddEventHandler(ClientEndpointAudit.AuthenticatedDescriptor);
            server.AddEventHandler(ClientEndpointAudit.TokenDescriptor);
            server.AddEventHandler(ClientEndpointAudit.RevocationDescriptor);
            server.AddEventHandler(UserInfoClaims.Descriptor);
            server.AddEventHandler(RefreshedPerson.Descriptor);
            // RFC 8705: tls_client_auth judged by the platform's CA, and certificate-bound access tokens.
            server.RemoveEventHandler(ClientCertificateAuthentication.Replaced);
            server.AddEventHandler(ClientCertificateAuthentication.Descriptor);
            server.AddEventHandler(CertificateBoundAccessTokens.Descriptor);
            server.AddEventHandler(MutualTlsDiscovery.Descriptor);
            // Transport security stays required: a token request over plain http is refused.
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough().EnableEndSessionEndpointPassthrough();
        });

        SessionCookie.Add(builder.Services);
        PlatformBearerTokens.Add(builder.Services);
        builder.Services.AddSingleton<VerifiedAccessTokens>();
        builder.Services.AddScoped<IAccessTokenValidator, AccessTokenValidator>();
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-sp-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IOptions<IdentityOptions>, IOptions<PlatformOptions>>((server, identity, platform) =>
        {
            var options = identity.Value;
            server.Issuer = IdentityIssuer.Resolve(options.Issuer, platform.Value.PublicBaseUrl, ListenerUrls(configuration))
                ?? throw new InvalidOperationException("The identity provider needs an https issuer: set Identity:Issuer, or listen on an https URL.");
            server.AccessTokenLifetime = TimeSpan.FromMinutes(options.AccessTokenLifetimeMinutes);
            server.IdentityTokenLifetime = TimeSpan.FromMinutes(options.IdentityTokenLifetimeMinutes);
            server.RefreshTokenLifetime = TimeSpan.FromDays(options.RefreshTokenLifetimeDays);
            server.AuthorizationCodeLifetime = TimeSpan.FromSeconds(options.AuthorizationCodeLifetimeSeconds);
            server.RefreshTokenReuseLeeway = options.RefreshTokenReuseLeewaySeconds > 0 ? TimeSpan.FromSeconds(options.RefreshTokenReuseLeewaySeconds) : null;
        });
        return builder;
    }

    /// <summary>The endpoints OpenIddict hands over once it has validated the request, and the login page.</summary>
    public static IEndpointRouteBuilder MapIdentityServer(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/" + Paths.Authorization, ["GET", "POST"], AuthorizeEndpoint.HandleAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        endpoints.MapMethods("/" + Paths.EndSession, ["GET", "POST"], EndSessionEndpoint.HandleAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        endpoints.MapLogin();
        return endpoints;
    }

    private static IEnumerable<string> ListenerUrls(IConfiguration configuration) =>
        (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

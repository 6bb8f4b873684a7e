using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace SignInSample;

/// <summary>
/// A department's web application that delegates sign-in to the platform with nothing but
/// ASP.NET Core's own handlers: OpenID Connect (code flow, PKCE, userinfo) for its pages, and JWT
/// bearer for its API, both configured from the platform's discovery document.
/// </summary>
public static class SampleApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var oidc = builder.Configuration.GetSection("Oidc").Get<OidcSettings>()
            ?? throw new InvalidOperationException("Set Oidc:Authority, Oidc:ClientId, Oidc:ClientSecret and Oidc:Audience.");
        var backchannel = Backchannel(oidc.TrustedCaFile);

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.Scope.Add("profile");
                options.Scope.Add("roles");
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.BackchannelHttpHandler = backchannel;
            })
            .AddJwtBearer(options =>
            {
                options.Authority = oidc.Authority;
                options.Audience = oidc.Audience;
                options.MapInboundClaims = false;
                options.BackchannelHttpHandler = backchannel;
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (HttpContext context) => Results.Content(
                $"<!doctype html><title>Department of Works</title><p id=\"user\">{WebUtility.HtmlEncode(context.User.Identity?.Name)}</p>" +
                $"<p id=\"department\">{WebUtility.HtmlEncode(context.User.FindFirst("department")?.Value)}</p><p><a id=\"sign-out\" href=\"/sign-out\">Sign out</a></p>",
                "text/html"))
            .RequireAuthorization();
        app.MapGet("/sign-out", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Content("<!doctype html><title>Signed out</title><p id=\"signed-out\">Signed out</p>", "text/html"));
        app.MapGet("/api/me", (HttpContext context) => Results.Json(new
            {
                subject = context.User.FindFirst("sub")?.Value,
                roles = context.User.FindAll("role").Select(c => c.Value).ToArray(),
            }))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        return app;
    }

    /// <summary>
    /// The platform's certificates come from its own CA; an application that does not install that
    /// root machine-wide names it here, and the handlers trust it for the provider's address only.
    /// </summary>
    private static HttpMessageHandler? Backchannel(string? trustedCaFile)
    {
        if (trustedCaFile is null)
        {
            return null;
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(trustedCaFile);
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, chain, _) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var trusted = new X509Chain();
                trusted.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                trusted.ChainPolicy.CustomTrustStore.AddRange(roots);
                trusted.ChainPolicy.ExtraStore.AddRange(roots);
                trusted.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return trusted.Build(certificate);
            },
        };
    }
}

using ApprovalsSample.Api;
using ApprovalsSample.Approvals;
using ApprovalsSample.Hosting;
using ApprovalsSample.Pages;
using Gateway.Verification;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ApprovalsSample;

/// <summary>
/// A city's online-approval application on the platform: people sign in through the platform's
/// identity provider (OpenID Connect code flow with PKCE); its pages call its API through the
/// platform's gateway with the person's access token, so the platform decides every read and
/// every approval; its API trusts nothing but the identity the gateway signs.
/// </summary>
public static class SampleApp
{
    /// <summary>Builds the application from its arguments (<c>--Oidc:…</c>, <c>--Approvals:…</c>, <c>--urls</c>); refuses settings that do not read.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var oidc = builder.Configuration.GetSection("Oidc").Get<OidcSettings>() ?? new OidcSettings();
        var approvals = builder.Configuration.GetSection("Approvals").Get<ApprovalsSettings>() ?? new ApprovalsSettings();
        var errors = oidc.Validate().Concat(approvals.Validate()).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The approvals application cannot start: " + string.Join(" ", errors));
        }

        var trust = new PlatformTrust(oidc.TrustedCaFile);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IApprovalStore, InMemoryApprovalStore>();
        builder.Services.TryAddSingleton(sp => new GatewayIdentityVerifier(
            new HttpClient(trust.Handler()) { Timeout = TimeSpan.FromSeconds(10) }, approvals.GatewayKeys, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHttpClient<GatewayApiClient>(client =>
            {
                client.BaseAddress = approvals.Gateway;
                client.Timeout = TimeSpan.FromSeconds(30);
            })
            .ConfigurePrimaryHttpMessageHandler(trust.Handler);

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
                // The access token is what the pages present to the gateway.
                options.SaveTokens = true;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.BackchannelHttpHandler = trust.Handler();
            });
        builder.Services.AddAuthorization();
        builder.Services.AddAntiforgery();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapApprovalsApi();
        app.MapApprovalsPages();
        return app;
    }
}

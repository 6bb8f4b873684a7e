using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Platform.Auditing;
using Platform.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server.Bearer;

/// <summary>
/// Bearer refusals in the platform's form: RFC 6750's <c>WWW-Authenticate</c> header and an RFC 7807
/// body with a catalogued code; a token refused for its roles is audited as a certificate would be.
/// A token revoked at the revocation endpoint is refused although its signature is still good.
/// </summary>
internal sealed class BearerEvents : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        // OpenIddict names the stored token in each JWT it issues; revocation marks that entry.
        var id = context.Principal?.FindFirst("oi_tkn_id")?.Value;
        if (id is null)
        {
            return;
        }

        var tokens = context.HttpContext.RequestServices.GetRequiredService<IOpenIddictTokenManager>();
        var stored = await tokens.FindByIdAsync(id, context.HttpContext.RequestAborted);
        if (stored is null || !await tokens.HasStatusAsync(stored, Statuses.Valid, context.HttpContext.RequestAborted))
        {
            context.Fail("The token was revoked.");
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = context.AuthenticateFailure is null ? "The bearer token is missing." : "The bearer token is not accepted: " + Describe(context.AuthenticateFailure);
        context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{reason.Replace("\"", "'", StringComparison.Ordinal)}\"";
        await Problems.WriteAsync(context.HttpContext, ProblemCodes.BearerTokenInvalid, reason);
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        await context.HttpContext.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(
            HttpAuditContext.For(context.HttpContext, "platform", "authorization.denied", AuditOutcome.Denied, context.Request.Path), context.HttpContext.RequestAborted);
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"insufficient_scope\"";
        await Problems.WriteAsync(context.HttpContext, ProblemCodes.RoleRequired, "The token does not carry the role this endpoint needs.");
    }

    // What a caller may read of a refusal: the kind, not the library's internals.
    private static string Describe(Exception failure) => failure switch
    {
        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "it has expired.",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidAudienceException => "it is not for this platform's APIs (audience).",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "another issuer made it.",
        Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException or Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException => "its signature does not verify.",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidTypeException => "it is not an access token (typ at+jwt).",
        _ when failure.Message == "The token was revoked." => "it was revoked.",
        _ => "it is malformed.",
    };
}

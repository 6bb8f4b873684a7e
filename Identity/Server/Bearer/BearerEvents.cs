using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Identity.Server.ClientCertificates;
using Identity.Server.Tokens;
using Platform.Auditing;
using Platform.Http;

namespace Identity.Server.Bearer;

/// <summary>
/// Bearer refusals in the platform's form: RFC 6750's <c>WWW-Authenticate</c> header and an RFC 7807
/// body with a catalogued code; a token refused for its roles is audited as a certificate would be.
/// A token revoked at the revocation endpoint is refused although its signature is still good, and a
/// certificate-bound one (RFC 8705 §3) unless the connection presents its certificate.
/// </summary>
internal sealed class BearerEvents : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        var tokens = context.HttpContext.RequestServices.GetRequiredService<IOpenIddictTokenManager>();
        if (await StoredTokens.IsRevokedAsync(tokens, context.Principal?.FindFirst(StoredTokens.IdClaim)?.Value, context.HttpContext.RequestAborted))
        {
            context.Fail(new TokenRefusedException(StoredTokens.Revoked));
            return;
        }

        if (CertificateBinding.Refusal(context.Principal?.FindFirst(OpenIddictConstants.Claims.Confirmation)?.Value, context.HttpContext.Connection.ClientCertificate) is { } refusal)
        {
            context.Fail(new TokenRefusedException(refusal));
        }
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var reason = context.AuthenticateFailure is null ? "The bearer token is missing." : "The bearer token is not accepted: " + AccessTokenParameters.Describe(context.AuthenticateFailure);
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
}

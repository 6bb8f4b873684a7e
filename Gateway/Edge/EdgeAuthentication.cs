using Gateway.Routes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Security;

namespace Gateway.Edge;

/// <summary>
/// Authenticates a request at the edge with what its route accepts. A bearer token is validated
/// in process (signature, issuer, lifetime, revocation), must carry the route's audience, and when
/// certificate-bound (RFC 8705 §3) must come on a connection presenting that certificate. A client
/// certificate is judged by the platform's certificate scheme: the CA's own, current, and neither
/// revoked nor on hold in the CA's state now, so a revocation counts from the next request.
/// </summary>
internal static class EdgeAuthentication
{
    private const string BearerPrefix = "Bearer ";

    public static async Task<EdgeIdentity> AuthenticateAsync(HttpContext context, RouteRequirements route)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (route.AcceptsBearer && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return await BearerAsync(context, authorization[BearerPrefix.Length..].Trim(), route);
        }

        if (route.AcceptsCertificate && context.Connection.ClientCertificate is not null)
        {
            return await CertificateAsync(context);
        }

        return EdgeIdentity.Refused(ProblemCodes.CredentialsMissing, route.Credentials switch
        {
            EdgeCredentials.Bearer => "This route needs an access token of the platform's identity provider (Authorization: Bearer).",
            EdgeCredentials.Certificate => "This route needs a client certificate of the platform's CA, on the HTTPS listener.",
            _ => "This route needs an access token of the platform's identity provider (Authorization: Bearer) or a client certificate of its CA.",
        });
    }

    private static async Task<EdgeIdentity> BearerAsync(HttpContext context, string token, RouteRequirements route)
    {
        if (context.RequestServices.GetService<IAccessTokenValidator>() is not { } validator)
        {
            return EdgeIdentity.Refused(ProblemCodes.AccessTokenRefused, "This gateway runs without the platform's identity provider, so it cannot validate a token.");
        }

        var validation = await validator.ValidateAsync(token, context.RequestAborted);
        if (validation.Token is not { } claims)
        {
            return EdgeIdentity.Refused(ProblemCodes.AccessTokenRefused, "The access token is not accepted: " + validation.Refusal);
        }

        if (!claims.Audiences.Contains(route.Audience!, StringComparer.Ordinal))
        {
            return EdgeIdentity.Refused(ProblemCodes.AccessTokenRefused, $"The access token is not accepted: it was not issued for this route's audience '{route.Audience}'.");
        }

        if (claims.CertificateThumbprint is { } bound)
        {
            var presented = context.Connection.ClientCertificate;
            if (presented is null || !CertificateThumbprint.Matches(bound, presented))
            {
                return EdgeIdentity.Refused(ProblemCodes.AccessTokenRefused, presented is null
                    ? "The access token is not accepted: it is bound to a client certificate, and the connection presents none."
                    : "The access token is not accepted: it is bound to another client certificate than the connection presents.");
            }
        }

        var actor = new AuditActor(ClientId: claims.ClientId, User: claims.IsPerson ? claims.Subject : null);
        return EdgeIdentity.Authenticated(new AccessTokenPrincipal(token, claims), actor);
    }

    private static async Task<EdgeIdentity> CertificateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(PlatformAuthentication.CertificateScheme);
        if (!result.Succeeded)
        {
            return EdgeIdentity.Refused(ProblemCodes.ClientCertificateRefused,
                "The client certificate is not accepted: " + (result.Failure?.Message ?? "it is not the platform's."));
        }

        var serial = result.Principal.FindFirst(PlatformClaims.CertificateSerial)!.Value;
        var actor = new AuditActor(Subject: result.Principal.FindFirst(PlatformClaims.CertificateSubject)?.Value, Serial: serial);
        return EdgeIdentity.Authenticated(new CertificatePrincipal(serial), actor);
    }
}

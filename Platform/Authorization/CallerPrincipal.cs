using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Security;

namespace Platform.Authorization;

/// <summary>
/// The caller of a platform API, as the decision point is asked about them: the holder of the
/// client certificate the platform's authentication accepted, or of the access token it accepted
/// (validated again here for its claims; the validator keeps tokens it verified). <see cref="Key"/>
/// names the caller stably, for rules such as "the requester never approves their own request":
/// <c>certificate:&lt;serial&gt;</c>, <c>person:&lt;sub&gt;</c> or <c>application:&lt;client id&gt;</c>.
/// </summary>
public sealed record CallerPrincipal(AuthorizationPrincipal Principal, string Key)
{
    /// <summary>The authenticated caller of <paramref name="context"/>, or null for an anonymous one or a token no longer accepted.</summary>
    public static async Task<CallerPrincipal?> OfAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (context.User.FindFirst(PlatformClaims.CertificateSerial)?.Value is { } serial)
        {
            return new(new CertificatePrincipal(serial), "certificate:" + serial);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || context.RequestServices.GetService<IAccessTokenValidator>() is not { } validator)
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        var validation = await validator.ValidateAsync(token, context.RequestAborted);
        return validation.Token is { } claims
            ? new(new AccessTokenPrincipal(token, claims), claims.IsPerson ? "person:" + claims.Subject : "application:" + claims.ClientId)
            : null;
    }
}

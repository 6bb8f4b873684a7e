using Identity.Server.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;
using Platform.Auditing;
using System.Security.Claims;

namespace Identity.Server;

/// <summary>
/// RP-initiated logout: ends the provider's session, then OpenIddict sends the browser to the
/// client's registered post-logout redirect URI (matched exactly) with its state.
/// </summary>
internal static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IAuditTrail trail)
    {
        var session = await context.AuthenticateAsync(SessionCookie.Scheme);
        var login = session.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        if (login is not null)
        {
            await trail.RecordAsync(HttpAuditContext.For(context, IdentityAudit.Module, IdentityAudit.Logout, AuditOutcome.Success, login)
                with { Actor = new AuditActor(User: login) }, context.RequestAborted);
        }

        await context.SignOutAsync(SessionCookie.Scheme);
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}

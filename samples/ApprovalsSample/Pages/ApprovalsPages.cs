using ApprovalsSample.Approvals;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace ApprovalsSample.Pages;

/// <summary>
/// The pages people use, signed in through the platform's identity provider. They decide
/// nothing: every read and every approval is a call to the API through the gateway with the
/// person's access token, and what the gateway answers is what the person sees. A 403 is shown as
/// "not allowed"; the gateway refusing the token sends the person to sign in again.
/// </summary>
public static class ApprovalsPages
{
    // A token refused this soon after signing in was not refused for its age (a registration without
    // the gateway's audience, say): signing in again would only loop between the pages and the provider.
    private static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(1);

    /// <summary>Maps <c>GET /</c>, <c>POST /approve/{id}</c> and sign-out.</summary>
    public static IEndpointRouteBuilder MapApprovalsPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", ShowAsync).RequireAuthorization();
        endpoints.MapPost("/approve/{id}", ApproveAsync).RequireAuthorization();
        endpoints.MapGet("/sign-out", () => Results.SignOut(new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        endpoints.MapGet("/signed-out", () => Results.Content(
            "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Signed out</title><p id=\"signed-out\">Signed out.</p></html>", "text/html; charset=utf-8"));
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, GatewayApiClient gateway, IAntiforgery antiforgery, TimeProvider time)
    {
        if (await context.GetTokenAsync("access_token") is not { } token)
        {
            return SignInAgain();
        }

        var list = await gateway.ListAsync(token, context.RequestAborted);
        return list.Status switch
        {
            GatewayStatus.Ok => Page(context, antiforgery, list.Value, null),
            GatewayStatus.SignInAgain => await SignInAgainAsync(context, antiforgery, time),
            GatewayStatus.NotAllowed => Page(context, antiforgery, null, Notice.NotAllowedToRead(), StatusCodes.Status403Forbidden),
            _ => Page(context, antiforgery, null, Notice.ServiceFailed(), StatusCodes.Status502BadGateway),
        };
    }

    private static async Task<IResult> ApproveAsync(string id, HttpContext context, GatewayApiClient gateway, IAntiforgery antiforgery, TimeProvider time)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return await AfterAsync(context, gateway, antiforgery, Notice.FormExpired(), StatusCodes.Status400BadRequest);
        }

        if (await context.GetTokenAsync("access_token") is not { } token)
        {
            return SignInAgain();
        }

        var approval = await gateway.ApproveAsync(token, id, context.RequestAborted);
        return approval.Status switch
        {
            // Post, redirect, get: reloading the list does not approve again.
            GatewayStatus.Ok => Results.Redirect("/"),
            GatewayStatus.SignInAgain => await SignInAgainAsync(context, antiforgery, time),
            GatewayStatus.NotAllowed => await AfterAsync(context, gateway, antiforgery, Notice.NotAllowedToApprove(id), StatusCodes.Status403Forbidden),
            GatewayStatus.NotPending => await AfterAsync(context, gateway, antiforgery, Notice.NotPending(id), StatusCodes.Status409Conflict),
            GatewayStatus.Unknown => await AfterAsync(context, gateway, antiforgery, Notice.Unknown(id), StatusCodes.Status404NotFound),
            _ => await AfterAsync(context, gateway, antiforgery, Notice.ServiceFailed(), StatusCodes.Status502BadGateway),
        };
    }

    /// <summary>The list as it now stands, under a notice about what was asked.</summary>
    private static async Task<IResult> AfterAsync(HttpContext context, GatewayApiClient gateway, IAntiforgery antiforgery, Notice notice, int status)
    {
        var list = await context.GetTokenAsync("access_token") is { } token ? await gateway.ListAsync(token, context.RequestAborted) : null;
        return Page(context, antiforgery, list?.Value, notice, status);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, IReadOnlyList<Approval>? approvals, Notice? notice, int status = StatusCodes.Status200OK) =>
        ApprovalsPage.Render(context, approvals, notice, antiforgery.GetAndStoreTokens(context), status);

    private static IResult SignInAgain() =>
        Results.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);

    /// <summary>The gateway refused the person's token: sign in again, unless they have only just signed in.</summary>
    private static async Task<IResult> SignInAgainAsync(HttpContext context, IAntiforgery antiforgery, TimeProvider time)
    {
        var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return session.Properties?.IssuedUtc is { } issued && time.GetUtcNow() - issued < FreshSignIn
            ? Page(context, antiforgery, null, Notice.TokenRefused(), StatusCodes.Status502BadGateway)
            : SignInAgain();
    }
}

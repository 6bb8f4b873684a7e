using Identity.Clients;
using Identity.People;
using Identity.Server.SignIn;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Platform.Privileges;
using System.Globalization;
using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server;

/// <summary>
/// The authorization endpoint (code flow with PKCE), once OpenIddict has validated the request:
/// the client, its exact redirect URI, its permissions and its code challenge. Without a
/// sign-in session the browser goes to the login page and comes back here.
/// </summary>
internal static class AuthorizeEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, PeopleDirectory people, IOpenIddictApplicationManager applications,
        IOpenIddictAuthorizationManager authorizations, IAntiforgery antiforgery, IEnumerable<IPrivilegeSource> privilegeSources, TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID Connect request is missing.");
        var session = await context.AuthenticateAsync(SessionCookie.Scheme);
        var login = session.Principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var person = login is null ? null : await people.GetAsync(login, context.RequestAborted);
        var authTime = long.TryParse(session.Principal?.FindFirst(SessionCookie.AuthTimeClaim)?.Value, CultureInfo.InvariantCulture, out var t) ? t : 0;
        var tooOld = request.MaxAge is { } maxAge && time.GetUtcNow().ToUnixTimeSeconds() - authTime > maxAge;
        if (person is null || person.Disabled || tooOld || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "The person is not signed in.");
            }

            await context.SignOutAsync(SessionCookie.Scheme);
            return Results.Redirect(LoginEndpoints.LoginPath + "?returnUrl=" + Uri.EscapeDataString(ReturnUrlFor(request)));
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated an unknown client.");
        var method = session.Principal!.FindFirst(SessionCookie.MethodClaim)!.Value;
        // Privileges are read at each authorization, so a revoked attribute certificate (or holder) stops counting at once.
        var privileges = PersonPrincipal.PrivilegesOf(person, privilegeSources);
        var principal = PersonPrincipal.Create(person, privileges, method, authTime, request.GetScopes(),
            [.. await ClientAudiences.ReadAsync(applications, application, context.RequestAborted)]);
        if (await applications.GetConsentTypeAsync(application, context.RequestAborted) == ConsentTypes.Explicit)
        {
            var applicationId = (await applications.GetIdAsync(application, context.RequestAborted))!;
            var granted = await authorizations.FindAsync(person.Login, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, request.GetScopes(), context.RequestAborted)
                .FirstOrDefaultAsync(context.RequestAborted);
            if (granted is null)
            {
                var answer = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))[ConsentPage.AnswerField].ToString() : "";
                // An answer counts only from the consent page itself, not from a form another site posted.
                var answered = answer is ConsentPage.Allow or ConsentPage.Deny && await antiforgery.IsRequestValidAsync(context);
                if (answered && answer == ConsentPage.Deny)
                {
                    return Refuse(Errors.AccessDenied, "The person did not allow the application access.");
                }

                if (!answered)
                {
                    return request.HasPromptValue(PromptValues.None)
                        ? Refuse(Errors.ConsentRequired, "The person has not allowed this application access.")
                        : ShowConsent(context, antiforgery, request, person, await applications.GetDisplayNameAsync(application, context.RequestAborted) ?? request.ClientId!);
                }

                granted = await authorizations.CreateAsync(principal, person.Login, applicationId, AuthorizationTypes.Permanent, request.GetScopes(), context.RequestAborted);
            }

            principal.SetAuthorizationId(await authorizations.GetIdAsync(granted, context.RequestAborted));
        }

        return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult ShowConsent(HttpContext context, IAntiforgery antiforgery, OpenIddictRequest request, Person person, string application)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var parameters = request.GetParameters()
            .Where(p => p.Key != ConsentPage.AnswerField && p.Key != tokens.FormFieldName)
            .Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        context.Response.Headers.XFrameOptions = "DENY";
        return Results.Content(ConsentPage.Render(application, person.DisplayName, request.GetScopes(), parameters, tokens.FormFieldName, tokens.RequestToken!),
            "text/html; charset=utf-8");
    }

    /// <summary>This request again, as a GET the login page can send the browser back to (prompt=login dropped, so it is asked once).</summary>
    private static string ReturnUrlFor(OpenIddictRequest request)
    {
        var parameters = request.GetParameters()
            .Where(p => p.Key != Parameters.Prompt || !request.HasPromptValue(PromptValues.Login))
            .Select(p => new KeyValuePair<string, string?>(p.Key, (string?)p.Value));
        return ReturnUrl.Default + QueryString.Create(parameters).ToUriComponent();
    }

    private static IResult Refuse(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

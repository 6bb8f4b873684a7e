using Identity.People;
using Identity.People.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.Security;
using System.Globalization;
using System.Security.Claims;

namespace Identity.Server.SignIn;

/// <summary>The login page (GET shows it, POST checks a password and code) and the certificate sign-in.</summary>
internal static class LoginEndpoints
{
    public const string LoginPath = "/identity/login";
    public const string CertificatePath = "/identity/login/certificate";

    public static void MapLogin(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(LoginPath, Show).ExcludeFromDescription().AllowAnonymous();
        endpoints.MapPost(LoginPath, SignInWithPasswordAsync).ExcludeFromDescription().AllowAnonymous().DisableAntiforgery();
        endpoints.MapGet(CertificatePath, SignInWithCertificateAsync).ExcludeFromDescription().AllowAnonymous();
    }

    private static IResult Show(HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
        Page(context, antiforgery, ReturnUrl.IsAllowed(returnUrl) ? returnUrl! : ReturnUrl.Default, null, null, StatusCodes.Status200OK);

    private static async Task<IResult> SignInWithPasswordAsync(HttpContext context, IAntiforgery antiforgery, PasswordSignIn passwords, TimeProvider time)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = ReturnUrl.IsAllowed(form["returnUrl"]) ? form["returnUrl"].ToString() : ReturnUrl.Default;
        // A login form posted from another site (login CSRF) would sign the victim in as the attacker.
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Page(context, antiforgery, returnUrl, null, "This sign-in page has expired; please try again.", StatusCodes.Status400BadRequest);
        }

        var result = await passwords.SignInAsync(
            new SignInAttempt(form["login"], form["password"], form["code"], context.Connection.RemoteIpAddress, context.TraceIdentifier), context.RequestAborted);
        if (!result.Succeeded)
        {
            if (result.RetryAfter is { } wait)
            {
                context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            var status = result.Reason == SignInReason.AddressRateLimited ? StatusCodes.Status429TooManyRequests : StatusCodes.Status200OK;
            return Page(context, antiforgery, returnUrl, form["login"], result.UserMessage, status);
        }

        await StartSessionAsync(context, result.Person!, result.Method, time);
        return Results.Redirect(returnUrl);
    }

    /// <summary>
    /// The client certificate the browser presented on the HTTPS listener, judged by the platform's
    /// validator (chain to the city's CA, in-process revocation state: revoked, on-hold and
    /// expired certificates are refused at once), mapped to the person it is bound to.
    /// </summary>
    private static async Task<IResult> SignInWithCertificateAsync(
        HttpContext context, IAntiforgery antiforgery, PeopleDirectory people, IAuditTrail trail, TimeProvider time, Metrics.IdentityMetrics metrics, string? returnUrl)
    {
        returnUrl = ReturnUrl.IsAllowed(returnUrl) ? returnUrl! : ReturnUrl.Default;
        var certificate = await context.AuthenticateAsync(); // the default scheme: the platform's client-certificate validation
        var serial = certificate.Principal?.FindFirst(PlatformClaims.CertificateSerial)?.Value;
        var person = serial is null ? null : await people.FindByCertificateAsync(serial, context.RequestAborted);
        var reason = context.Connection.ClientCertificate is null ? "certificate-missing"
            : !certificate.Succeeded ? "certificate-refused"
            : person is null ? "certificate-unbound"
            : person.Disabled ? "disabled"
            : "success";
        await trail.RecordAsync(HttpAuditContext.For(context, PeopleAudit.Module, PeopleAudit.SignIn,
            reason == "success" ? AuditOutcome.Success : AuditOutcome.Failure, person?.Login,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["method"] = CertificateMethod, ["reason"] = reason, ["serial"] = serial ?? "" })
            with { Actor = new AuditActor(Serial: serial, User: person?.Login) }, context.RequestAborted);
        metrics.SignIn(CertificateMethod, reason == "success", reason);
        if (reason != "success")
        {
            return Page(context, antiforgery, returnUrl, null, reason == "certificate-missing"
                ? "No certificate was presented. Install your certificate in the browser, or sign in with your password."
                : CertificateRefusedMessage, StatusCodes.Status200OK);
        }

        await StartSessionAsync(context, person!, CertificateMethod, time);
        return Results.Redirect(returnUrl);
    }

    /// <summary>The <c>amr</c> value of a certificate sign-in.</summary>
    public const string CertificateMethod = "certificate";

    // One message for every refusal, as for passwords: the page does not say which check failed.
    private const string CertificateRefusedMessage = "This certificate cannot sign in now: it is not current, not bound to anyone, or the account is disabled.";

    private static Task StartSessionAsync(HttpContext context, Person person, string method, TimeProvider time)
    {
        var identity = new ClaimsIdentity(SessionCookie.Scheme);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, person.Login));
        identity.AddClaim(new Claim(SessionCookie.MethodClaim, method));
        identity.AddClaim(new Claim(SessionCookie.AuthTimeClaim, time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return context.SignInAsync(SessionCookie.Scheme, new ClaimsPrincipal(identity));
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string returnUrl, string? login, string? message, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        context.Response.Headers.XFrameOptions = "DENY";
        return Results.Content(LoginPage.Render(returnUrl, tokens.FormFieldName, tokens.RequestToken!, login, message), "text/html; charset=utf-8", statusCode: status);
    }
}

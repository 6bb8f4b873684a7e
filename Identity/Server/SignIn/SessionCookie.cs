using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Identity.Server.SignIn;

/// <summary>
/// The provider's own sign-in session: a cookie set by the login page and read by the
/// authorization endpoint, so one sign-in serves every application until it ends.
/// </summary>
internal static class SessionCookie
{
    public const string Scheme = "identity.session";

    /// <summary>How the person signed in (RFC 8176 <c>amr</c>): <c>certificate</c>, <c>pwd</c> or <c>pwd+otp</c>.</summary>
    public const string MethodClaim = "amr";

    public const string AuthTimeClaim = "auth_time";

    /// <summary>A working day at most; signing in again is the way to extend it.</summary>
    public static void Add(IServiceCollection services)
    {
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = "__Host-sp-session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax: the browser sends it on the top-level redirect from an application to /connect/authorize.
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.LoginPath = LoginEndpoints.LoginPath;
        });
    }
}

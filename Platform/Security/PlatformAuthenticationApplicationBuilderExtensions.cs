using Microsoft.AspNetCore.Builder;

namespace Platform.Security;

/// <summary>The platform's authentication in the request pipeline.</summary>
public static class PlatformAuthenticationApplicationBuilderExtensions
{
    // The mark UseAuthentication leaves; without it a WebApplication adds ASP.NET Core's own
    // authentication middleware in front of the pipeline, for every endpoint.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    /// <summary>
    /// Authentication for every endpoint but those that authenticate their callers themselves
    /// (<see cref="PlatformAuthenticationMiddleware"/>), in place of <c>UseAuthentication</c>. Call
    /// after routing has chosen the endpoint (a WebApplication's default), before authorization.
    /// </summary>
    public static IApplicationBuilder UsePlatformAuthentication(this IApplicationBuilder app)
    {
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.UseMiddleware<PlatformAuthenticationMiddleware>();
    }
}

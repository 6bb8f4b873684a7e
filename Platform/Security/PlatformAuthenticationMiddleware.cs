using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Platform.Security;

/// <summary>
/// ASP.NET Core's authentication middleware, skipped for endpoints that authenticate their callers
/// themselves (<see cref="AuthenticatesItself"/>): for those, neither the default scheme nor any
/// request-handling scheme runs. A request-handling scheme such as the identity provider's looks
/// at every request to see whether it is one of its own endpoints, which was the largest single
/// cost of a proxied request.
/// </summary>
internal sealed class PlatformAuthenticationMiddleware(RequestDelegate next, IAuthenticationSchemeProvider schemes)
{
    private readonly AuthenticationMiddleware authentication = new(next, schemes);

    public Task InvokeAsync(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<AuthenticatesItself>() is not null ? next(context) : authentication.Invoke(context);
}

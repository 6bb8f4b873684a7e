using Microsoft.AspNetCore.Diagnostics;
using Platform.Http;

namespace Server.Hosting;

/// <summary>
/// The last guard between a body the server refused (too slow, cut short, too large) and the
/// 500 handler: whatever read the body and let the server's exception go, the caller gets the
/// catalogued 408/400/413 problem, as from <see cref="RequestBody"/>. Endpoints read their bodies
/// through <see cref="RequestBody"/>, so this only answers what a future endpoint might miss.
/// </summary>
internal sealed class BadRequestBodyHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (code, detail) = RequestBody.Describe(bad);
        httpContext.Response.Headers.Connection = "close";
        await Problems.WriteAsync(httpContext, code, detail);
        return true;
    }
}

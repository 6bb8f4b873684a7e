using Microsoft.AspNetCore.Diagnostics;
using Platform.Http;

namespace Server.Hosting;

/// <summary>
/// Gives answers the framework produces without a body (no route, wrong method, a media type
/// the endpoint does not accept) the same problem details, with a stable code, as the APIs'.
/// </summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var (code, detail) = status switch
        {
            404 => ("not-found", "There is nothing at this path."),
            405 => ("method-not-allowed", "This path does not accept this method."),
            415 => ("unsupported-media-type", "This endpoint does not accept the request's content type."),
            413 => ("body-too-large", "The request body is too large."),
            _ => ("http-" + status, "The request could not be served."),
        };
        return Problems.WriteAsync(context.HttpContext, status, code, detail);
    }
}

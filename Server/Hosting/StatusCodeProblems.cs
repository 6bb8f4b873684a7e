using Microsoft.AspNetCore.Diagnostics;
using Platform.Http;

namespace Server.Hosting;

/// <summary>
/// Gives answers the framework produces without a body (no route, wrong method, a media type
/// the endpoint does not accept, a malformed request) the same problem details, with a
/// catalogued code, as the APIs'. Other statuses keep their empty body.
/// </summary>
internal static class StatusCodeProblems
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var (code, detail) = context.HttpContext.Response.StatusCode switch
        {
            400 => (ProblemCodes.RequestMalformed, "The HTTP request is malformed."),
            404 => (ProblemCodes.PathUnknown, "There is nothing at this path."),
            405 => (ProblemCodes.MethodUnsupported, "This path does not accept this method."),
            408 => (ProblemCodes.BodyTimeout, "The request did not arrive in time."),
            413 => (ProblemCodes.BodyTooLarge, "The request body is too large."),
            415 => (ProblemCodes.MediaTypeUnsupported, "This endpoint does not accept the request's content type."),
            431 => (ProblemCodes.HeadersTooLarge, "The request's headers are too large."),
            _ => ((ProblemCode?)null, ""),
        };
        return code is null ? Task.CompletedTask : Problems.WriteAsync(context.HttpContext, code, detail);
    }
}

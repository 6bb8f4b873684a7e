using Microsoft.AspNetCore.Http;

namespace Platform.Http;

/// <summary>
/// RFC 7807 problem details with a stable machine-readable <c>code</c> and a safe message.
/// The <c>type</c> URI is <c>urn:securityplatform:problem:&lt;code&gt;</c>.
/// </summary>
public static class Problems
{
    /// <summary>A problem result for a catalogued code, answered with the code's status and a human message.</summary>
    public static IResult Result(ProblemCode code, string detail) => Result(code.Status, code.Value, detail);

    /// <summary>Writes a catalogued problem straight to a response (for middleware and authentication handlers).</summary>
    public static Task WriteAsync(HttpContext context, ProblemCode code, string detail) =>
        Result(code, detail).ExecuteAsync(context);

    /// <summary>A problem result with <paramref name="status"/>, a stable code and a human message.</summary>
    public static IResult Result(int status, string code, string detail) =>
        Results.Problem(
            statusCode: status,
            title: TitleOf(status),
            detail: detail,
            type: TypeOf(code),
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>400 with a stable code.</summary>
    public static IResult BadRequest(string code, string detail) => Result(StatusCodes.Status400BadRequest, code, detail);

    /// <summary>404 with a stable code.</summary>
    public static IResult NotFound(string code, string detail) => Result(StatusCodes.Status404NotFound, code, detail);

    /// <summary>The type URI of a problem code.</summary>
    public static string TypeOf(string code) => "urn:securityplatform:problem:" + code;

    /// <summary>Writes a problem straight to a response (for middleware and authentication handlers).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail) =>
        Result(status, code, detail).ExecuteAsync(context);

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        413 => "Request too large",
        405 => "Method not allowed",
        408 => "Request timeout",
        415 => "Unsupported media type",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Error",
    };
}

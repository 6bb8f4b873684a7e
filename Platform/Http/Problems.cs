using Microsoft.AspNetCore.Http;

namespace Platform.Http;

/// <summary>
/// RFC 7807 problem details with a catalogued machine-readable <c>code</c> and a safe message.
/// The <c>type</c> URI is <c>urn:securityplatform:problem:&lt;code&gt;</c>; the status is the code's.
/// </summary>
public static class Problems
{
    /// <summary>A problem result for <paramref name="code"/>, answered with the code's status and a human message.</summary>
    /// <param name="code">The catalogued code.</param>
    /// <param name="detail">What was wrong, safe to show the caller.</param>
    /// <param name="extensions">Further members of the problem object, such as the errors found and their positions.</param>
    public static IResult Result(ProblemCode code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var members = new Dictionary<string, object?> { ["code"] = code.Value };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>())
        {
            members[name] = value;
        }

        return Results.Problem(statusCode: code.Status, title: TitleOf(code.Status), detail: detail, type: TypeOf(code), extensions: members);
    }

    /// <summary>Writes a problem straight to a response (for middleware and authentication handlers).</summary>
    public static Task WriteAsync(HttpContext context, ProblemCode code, string detail) =>
        Result(code, detail).ExecuteAsync(context);

    /// <summary>The type URI of a problem code.</summary>
    public static string TypeOf(ProblemCode code) => "urn:securityplatform:problem:" + code.Value;

    private static string TitleOf(int status) => status switch
    {
        400 => "Bad request",
        401 => "Authentication required",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        408 => "Request timeout",
        409 => "Conflict",
        413 => "Request too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        431 => "Request headers too large",
        502 => "Bad gateway",
        503 => "Service unavailable",
        504 => "Gateway timeout",
        _ => "Error",
    };
}

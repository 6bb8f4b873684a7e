using Microsoft.AspNetCore.Http;

namespace Platform.Http;

/// <summary>
/// What reading a request body gave: its bytes, or why there are none — a catalogued problem to
/// answer, or a client that went away and needs no answer.
/// </summary>
public sealed class BodyReadResult
{
    /// <summary>The client went away while its body was read; nobody is left to answer.</summary>
    internal static readonly BodyReadResult Aborted = new(null, null, null, null, aborted: true);

    private BodyReadResult(byte[]? body, string? mediaType, ProblemCode? failure, string? detail, bool aborted)
    {
        Body = body;
        MediaType = mediaType;
        Failure = failure;
        Detail = detail;
        IsAborted = aborted;
    }

    /// <summary>The whole body; null when it could not be read.</summary>
    public byte[]? Body { get; }

    /// <summary>The accepted media type it was sent as (as the endpoint listed it).</summary>
    public string? MediaType { get; }

    /// <summary>Why there is no body: <c>media-type-unsupported</c>, <c>body-too-large</c>, <c>body-timeout</c>, <c>body-incomplete</c>, …</summary>
    public ProblemCode? Failure { get; }

    /// <summary>What was wrong, for people; safe to answer.</summary>
    public string? Detail { get; }

    /// <summary>True when the client aborted the request: answer nothing, record nothing.</summary>
    public bool IsAborted { get; }

    /// <summary>
    /// The answer to a failed read for a JSON API: problem details with the failure's code, or
    /// nothing at all for an aborted request.
    /// </summary>
    public IResult ToResult() =>
        IsAborted ? Results.Empty
        : Failure is { } code ? Problems.Result(code, Detail!)
        : throw new InvalidOperationException("The body was read; there is no failure to answer.");

    internal static BodyReadResult Read(byte[] body, string? mediaType) => new(body, mediaType, null, null, aborted: false);

    internal static BodyReadResult Failed(ProblemCode failure, string detail) => new(null, null, failure, detail, aborted: false);
}

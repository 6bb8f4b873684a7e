using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using System.Buffers;

namespace Platform.Http;

/// <summary>
/// The one way the platform reads a request body, for every module: the media type is checked,
/// the size is capped per endpoint, the bytes go into a buffer no larger than the cap, and the
/// whole body must arrive within <see cref="RequestBodySettings.TimeoutSeconds"/>. Every way a
/// read can fail becomes a catalogued code instead of an exception (which the host would answer
/// 500): a body too slow <c>body-timeout</c> (408), cut short or badly framed
/// <c>body-incomplete</c> (400), too large <c>body-too-large</c> (413), of another type
/// <c>media-type-unsupported</c> (415). A client that went away gets no answer at all.
/// Protocol endpoints (TSA, OCSP) answer the same failures in their own format.
/// </summary>
public static partial class RequestBody
{
    /// <summary>The largest JSON body the platform's APIs accept unless an endpoint says otherwise.</summary>
    public const int MaxJsonBytes = 64 * 1024;

    private static readonly RequestBodySettings Defaults = new();

    /// <summary>Reads the whole body of <paramref name="context"/>'s request under <paramref name="rules"/>.</summary>
    public static async Task<BodyReadResult> ReadAsync(HttpContext context, BodyRules rules)
    {
        var request = context.Request;
        var mediaType = rules.Match(request.ContentType);
        if (mediaType is null)
        {
            return BodyReadResult.Failed(ProblemCodes.MediaTypeUnsupported, $"The body must be {rules.Described}.");
        }

        if (request.ContentLength > rules.MaxBytes)
        {
            return Refuse(context, ProblemCodes.BodyTooLarge, TooLarge(rules.MaxBytes));
        }

        // The deadline's timer is made only when the body is not already all there, which it
        // usually is for the small requests of the protocol endpoints.
        CancellationTokenSource? deadline = null;
        try
        {
            var reader = request.BodyReader;
            var declared = request.ContentLength;
            var body = declared is { } length ? new byte[length] : new byte[Math.Min(rules.MaxBytes, 4096)];
            var filled = 0;
            while (true)
            {
                if (!reader.TryRead(out var result))
                {
                    deadline ??= Deadline(context);
                    result = await reader.ReadAsync(deadline.Token);
                }

                var buffer = result.Buffer;
                if (filled + buffer.Length > rules.MaxBytes)
                {
                    reader.AdvanceTo(buffer.End);
                    return Refuse(context, ProblemCodes.BodyTooLarge, TooLarge(rules.MaxBytes));
                }

                if (filled + buffer.Length > body.Length)
                {
                    Array.Resize(ref body, (int)Math.Min(rules.MaxBytes, Math.Max(body.Length * 2L, filled + buffer.Length)));
                }

                buffer.CopyTo(body.AsSpan(filled));
                filled += (int)buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted)
                {
                    break;
                }

                if (result.IsCanceled)
                {
                    // Only the server cancels a pending body read, when the body came too slowly.
                    return Refuse(context, ProblemCodes.BodyTimeout, "The body did not arrive in time.");
                }
            }

            if (declared is not null && filled < body.Length)
            {
                return Refuse(context, ProblemCodes.BodyIncomplete, $"The body ended after {filled} of the {declared} bytes its Content-Length announced.");
            }

            return BodyReadResult.Read(filled == body.Length ? body : body[..filled], mediaType);
        }
        catch (BadHttpRequestException e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // The server refused the body (too slow, cut short, badly framed, over its own limit).
            var (code, detail) = Describe(e);
            return Refuse(context, code, detail);
        }
        catch (Exception e) when (context.RequestAborted.IsCancellationRequested || e is IOException)
        {
            // The client went away (a reset connection, an aborted HTTP/2 stream, a connection
            // closed mid-body, after which the server sends nothing): nobody is left to answer.
            return BodyReadResult.Aborted;
        }
        catch (OperationCanceledException) when (deadline?.IsCancellationRequested == true)
        {
            return Refuse(context, ProblemCodes.BodyTimeout,
                $"The whole body must arrive within {Settings(context).TimeoutSeconds:0.###} seconds; it did not.");
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    /// <summary>
    /// The catalogued code and a safe message for the server's own refusal of a body (too slow,
    /// cut short, badly framed, over the server's limit), for whatever reads a body outside
    /// <see cref="ReadAsync"/> and lets the exception go.
    /// </summary>
    public static (ProblemCode Code, string Detail) Describe(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            StatusCodes.Status408RequestTimeout => (ProblemCodes.BodyTimeout, "The body arrived too slowly, or stopped arriving."),
            StatusCodes.Status413PayloadTooLarge => (ProblemCodes.BodyTooLarge, "The body is larger than the server accepts."),
            // The server's own messages ("Unexpected end of request content.", "Bad chunk size data.") name no types.
            _ => (ProblemCodes.BodyIncomplete, $"The body could not be read whole: {exception.Message}"),
        };
    }

    private static BodyReadResult Refuse(HttpContext context, ProblemCode code, string detail)
    {
        // The rest of the body is unread, or its framing broken: this connection carries no other request.
        if (!context.Response.HasStarted && (HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)))
        {
            context.Response.Headers.Connection = "close";
        }

        return BodyReadResult.Failed(code, detail);
    }

    private static string TooLarge(int maxBytes) => $"The body must be at most {maxBytes} bytes.";

    private static CancellationTokenSource Deadline(HttpContext context)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(Settings(context).Timeout);
        return deadline;
    }

    private static RequestBodySettings Settings(HttpContext context) =>
        context.RequestServices?.GetService<IOptions<PlatformOptions>>()?.Value.RequestBody ?? Defaults;
}

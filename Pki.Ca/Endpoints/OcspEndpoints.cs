using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Org.BouncyCastle.Ocsp;
using Pki.Ca.Metrics;
using Pki.Ca.Ocsp;
using Platform.Keys;
using Platform.Http;
using System.Buffers;

namespace Pki.Ca.Endpoints;

/// <summary>
/// The OCSP responder over HTTP (RFC 6960 Appendix A, RFC 5019): POST with an
/// application/ocsp-request body, or GET with the URL-encoded base64 request in the path.
/// Every bad request is answered in OCSP's own format (malformedRequest), every fault of ours
/// as internalError, both with HTTP 200.
/// </summary>
internal static partial class OcspEndpoints
{
    private const string ResponseType = "application/ocsp-response";
    private const string RequestType = "application/ocsp-request";
    private static readonly StringValues NoCache = "no-cache, no-store";
    private static readonly byte[] Malformed = OcspResponder.ErrorResponse(OcspRespStatus.MalformedRequest);
    private static readonly byte[] InternalError = OcspResponder.ErrorResponse(OcspRespStatus.InternalError);
    private static readonly byte[] TryLater = OcspResponder.ErrorResponse(OcspRespStatus.TryLater);
    private static readonly BodyRules RequestRules = new(OcspResponder.MaxRequestBytes, RequestType);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Handlers of the HttpContext alone: the responder's hot path binds no parameters, and the
        // singletons are looked up once per application rather than on every request. Typed as Func
        // rather than RequestDelegate only so that the OpenAPI description lists them.
        OcspResponder? responder = null;
        OcspResponseCache? cache = null;
        CaMetrics? metrics = null;
        ILogger? logger = null;
        OcspResponder Responder(HttpContext context) => responder ??= context.RequestServices.GetRequiredService<OcspResponder>();
        OcspResponseCache Cache(HttpContext context) => cache ??= context.RequestServices.GetRequiredService<OcspResponseCache>();
        CaMetrics Metrics(HttpContext context) => metrics ??= context.RequestServices.GetRequiredService<CaMetrics>();
        Func<HttpContext, ILogger> log = context =>
            logger ??= context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OcspEndpoints).FullName!);
        Func<HttpContext, Task> post = context => PostAsync(context, Responder(context), Cache(context), Metrics(context));
        Func<HttpContext, Task> get = context => GetAsync(context, Responder(context), Cache(context), Metrics(context));

        // Short-circuited: routing runs the responder directly, without the exception handler,
        // status-code pages, authentication and authorization behind it. The anonymous responder
        // needs none of them, and GuardAsync answers its faults in OCSP's format instead of the
        // problem details (or Kestrel's bare 500) an OCSP client cannot read.
        endpoints.MapPost("/pki/ocsp", (Func<HttpContext, Task>)(context => GuardAsync(context, post, log)))
            .WithTags("OCSP").WithName("OcspRequest").WithSummary("Ask the OCSP responder (POST, RFC 6960)")
            .DescribesBody<Stream>(RequestType).Produces<Stream>(StatusCodes.Status200OK, ResponseType).ShortCircuit();
        endpoints.MapGet("/pki/ocsp/{**request}", (Func<HttpContext, Task>)(context => GuardAsync(context, get, log)))
            .WithTags("OCSP").WithName("OcspRequestGet").WithSummary("Ask the OCSP responder (GET with the base64 request in the path)")
            .Produces<Stream>(StatusCodes.Status200OK, ResponseType).ShortCircuit();
    }

    /// <summary>
    /// Runs <paramref name="handler"/>; whatever it throws (reading the request, the cache, the
    /// responder, writing) is logged and answered as internalError, or malformedRequest when
    /// the server found the request's HTTP framing bad. A cached answer completes synchronously
    /// and costs no state machine here.
    /// </summary>
    private static Task GuardAsync(HttpContext context, Func<HttpContext, Task> handler, Func<HttpContext, ILogger> log)
    {
        Task task;
        try
        {
            task = handler(context);
        }
        catch (Exception e)
        {
            return FailAsync(context, e, log);
        }

        return task.IsCompletedSuccessfully ? task : ObserveAsync(context, task, log);
    }

    private static async Task ObserveAsync(HttpContext context, Task task, Func<HttpContext, ILogger> log)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            await FailAsync(context, e, log);
        }
    }

    private static Task FailAsync(HttpContext context, Exception exception, Func<HttpContext, ILogger> log)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (reading its request then fails too): nobody is left to answer.
            LogAborted(log(context), exception);
            return Task.CompletedTask;
        }

        var badRequest = exception is BadHttpRequestException;
        if (badRequest)
        {
            LogBadHttpRequest(log(context), exception);
        }
        else
        {
            LogFailed(log(context), exception);
        }

        if (context.Response.HasStarted)
        {
            // Part of an answer is on its way; a second one cannot follow it.
            context.Abort();
            return Task.CompletedTask;
        }

        context.Response.Clear();
        context.RequestServices.GetService<CaMetrics>()?.OcspResponse(OcspStatus.Error, cacheHit: false);
        return WriteAsync(context, badRequest ? Malformed : exception is KeyStoreUnavailableException ? TryLater : InternalError, null);
    }

    private static async Task PostAsync(HttpContext context, OcspResponder responder, OcspResponseCache cache, CaMetrics metrics)
    {
        // Every way the body can be wrong (type, size, too slow, cut short) is malformedRequest.
        var read = await RequestBody.ReadAsync(context, RequestRules);
        if (read.IsAborted)
        {
            return;
        }

        if (read.Body is null)
        {
            metrics.OcspResponse(OcspStatus.Error, cacheHit: false);
            await WriteAsync(context, Malformed, null);
            return;
        }

        await AnswerAsync(context, read.Body, responder, cache, metrics);
    }

    private static async Task GetAsync(HttpContext context, OcspResponder responder, OcspResponseCache cache, CaMetrics metrics)
    {
        // The raw path keeps '/' and '+' of standard base64 exactly as sent.
        var raw = context.Request.Path.Value!["/pki/ocsp/".Length..];
        var text = Uri.UnescapeDataString(raw).Replace('-', '+').Replace('_', '/');
        if (text.Length > OcspResponder.MaxRequestBytes * 4 / 3 + 4)
        {
            metrics.OcspResponse(OcspStatus.Error, cacheHit: false);
            await WriteAsync(context, Malformed, null);
            return;
        }

        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var bytes = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            metrics.OcspResponse(OcspStatus.Error, cacheHit: false);
            await WriteAsync(context, Malformed, null);
            return;
        }

        await AnswerAsync(context, bytes.AsMemory(0, length), responder, cache, metrics);
    }

    private static Task AnswerAsync(HttpContext context, ReadOnlyMemory<byte> request, OcspResponder responder, OcspResponseCache cache, CaMetrics metrics)
    {
        // The common case, a pre-signed answer, is served without any await.
        if (cache.TryGet(request.Span, out var answer))
        {
            metrics.OcspResponse(answer.Status, cacheHit: true);
            return WriteAsync(context, answer.Der, answer.Cacheable ? answer : null);
        }

        return RespondAsync(context, request, responder, cache, metrics);
    }

    private static async Task RespondAsync(HttpContext context, ReadOnlyMemory<byte> request, OcspResponder responder, OcspResponseCache cache, CaMetrics metrics)
    {
        // A fault of ours (storage, signing) propagates to GuardAsync, which answers internalError.
        var generation = cache.Generation;
        var answer = await responder.RespondAsync(request, context.RequestAborted);
        cache.Add(request.Span, answer, generation);
        metrics.OcspResponse(answer.Status, cacheHit: false);
        await WriteAsync(context, answer.Der, answer.Cacheable ? answer : null);
    }

    private static Task WriteAsync(HttpContext context, byte[] body, OcspAnswer? cacheable)
    {
        var response = context.Response;
        response.ContentType = ResponseType;
        response.ContentLength = body.Length;
        var headers = response.Headers;
        if (cacheable is not null)
        {
            // RFC 5019 §6: let HTTP caches keep the response until shortly before nextUpdate.
            var http = cacheable.HttpHeaders;
            headers.CacheControl = http.CacheControl(DateTimeOffset.UtcNow);
            headers.LastModified = http.LastModified;
            headers.Expires = http.Expires;
            headers.ETag = http.ETag;
        }
        else
        {
            headers.CacheControl = NoCache;
        }

        // The whole body is known: hand it to the response pipe; the server flushes it with the
        // headers when the request completes.
        response.BodyWriter.Write(body);
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 2202, Level = LogLevel.Error, Message = "OCSP request failed; answered internalError")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Debug, Message = "Bad HTTP framing of an OCSP request; answered malformedRequest")]
    private static partial void LogBadHttpRequest(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Debug, Message = "OCSP request aborted by the client")]
    private static partial void LogAborted(ILogger logger, Exception exception);
}

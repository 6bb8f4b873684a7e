using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Org.BouncyCastle.Ocsp;
using Pki.Ca.Ocsp;
using System.Buffers;

namespace Pki.Ca.Endpoints;

/// <summary>
/// The OCSP responder over HTTP (RFC 6960 Appendix A, RFC 5019): POST with an
/// application/ocsp-request body, or GET with the URL-encoded base64 request in the path.
/// Every bad request is answered in OCSP's own format (malformedRequest), with HTTP 200.
/// </summary>
internal static class OcspEndpoints
{
    private const string ResponseType = "application/ocsp-response";
    private static readonly StringValues NoCache = "no-cache, no-store";
    private static readonly byte[] Malformed = OcspResponder.ErrorResponse(OcspRespStatus.MalformedRequest);
    private static readonly byte[] InternalError = OcspResponder.ErrorResponse(OcspRespStatus.InternalError);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Plain request delegates: the responder's hot path binds no parameters, and the two
        // singletons are looked up once per application rather than on every request.
        OcspResponder? responder = null;
        OcspResponseCache? cache = null;
        OcspResponder Responder(HttpContext context) => responder ??= context.RequestServices.GetRequiredService<OcspResponder>();
        OcspResponseCache Cache(HttpContext context) => cache ??= context.RequestServices.GetRequiredService<OcspResponseCache>();

        endpoints.MapPost("/pki/ocsp", (RequestDelegate)(context => PostAsync(context, Responder(context), Cache(context))))
            .WithTags("OCSP").ExcludeFromDescription();
        endpoints.MapGet("/pki/ocsp/{**request}", (RequestDelegate)(context => GetAsync(context, Responder(context), Cache(context))))
            .WithTags("OCSP").ExcludeFromDescription();
    }

    private static async Task PostAsync(HttpContext context, OcspResponder responder, OcspResponseCache cache)
    {
        if (!IsOcspRequest(context.Request.ContentType) || context.Request.ContentLength > OcspResponder.MaxRequestBytes)
        {
            await WriteAsync(context, Malformed, null);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(OcspResponder.MaxRequestBytes + 1);
        try
        {
            var length = await ReadAtMostAsync(context.Request.Body, buffer, OcspResponder.MaxRequestBytes + 1, context.RequestAborted);
            if (length > OcspResponder.MaxRequestBytes)
            {
                await WriteAsync(context, Malformed, null);
                return;
            }

            await AnswerAsync(context, buffer.AsMemory(0, length), responder, cache);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task GetAsync(HttpContext context, OcspResponder responder, OcspResponseCache cache)
    {
        // The raw path keeps '/' and '+' of standard base64 exactly as sent.
        var raw = context.Request.Path.Value!["/pki/ocsp/".Length..];
        var text = Uri.UnescapeDataString(raw).Replace('-', '+').Replace('_', '/');
        if (text.Length > OcspResponder.MaxRequestBytes * 4 / 3 + 4)
        {
            await WriteAsync(context, Malformed, null);
            return;
        }

        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        var bytes = new byte[text.Length * 3 / 4];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
        {
            await WriteAsync(context, Malformed, null);
            return;
        }

        await AnswerAsync(context, bytes.AsMemory(0, length), responder, cache);
    }

    private static Task AnswerAsync(HttpContext context, ReadOnlyMemory<byte> request, OcspResponder responder, OcspResponseCache cache)
    {
        // The common case, a pre-signed answer, is served without any await.
        return cache.TryGet(request.Span, out var answer)
            ? WriteAsync(context, answer.Der, answer.Cacheable ? answer : null)
            : RespondAsync(context, request, responder, cache);
    }

    private static async Task RespondAsync(HttpContext context, ReadOnlyMemory<byte> request, OcspResponder responder, OcspResponseCache cache)
    {
        var generation = cache.Generation;
        OcspAnswer answer;
        try
        {
            answer = await responder.RespondAsync(request, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A fault of ours (storage, signing) is still answered in OCSP's format.
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OcspEndpoints))
                .LogError(e, "OCSP request failed");
            await WriteAsync(context, InternalError, null);
            return;
        }

        cache.Add(request.Span, answer, generation);
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

    private static bool IsOcspRequest(string? contentType) =>
        string.Equals(contentType, "application/ocsp-request", StringComparison.OrdinalIgnoreCase)
        || MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/ocsp-request", StringComparison.OrdinalIgnoreCase);

    private static async Task<int> ReadAtMostAsync(Stream body, byte[] buffer, int limit, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < limit && (read = await body.ReadAsync(buffer.AsMemory(total, limit - total), cancellationToken)) > 0)
        {
            total += read;
        }

        return total;
    }
}

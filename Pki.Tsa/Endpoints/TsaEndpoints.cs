using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Org.BouncyCastle.Asn1.Cmp;
using Pki.Tsa.Authority;
using Pki.Tsa.Protocol;
using Platform.Auditing;
using Platform.RateLimiting;
using System.Security.Cryptography;

namespace Pki.Tsa.Endpoints;

/// <summary>
/// RFC 3161 over HTTP (§3.4): POST application/timestamp-query, answer application/timestamp-reply
/// with HTTP 200 — also for rejections, which are TimeStampResps, since PDF tools and other
/// clients break on anything else.
/// </summary>
internal static class TsaEndpoints
{
    private const string ReplyType = "application/timestamp-reply";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/tsa", StampAsync).WithTags("Time-stamp authority").ExcludeFromDescription()
            .RequireRateLimiting(ClientAddressPartitions.Anonymous);
        endpoints.MapGet("/tsa/certificate-chain", (TsaCredentials credentials) =>
        {
            var signer = credentials.Current;
            var pem = string.Concat(new[] { signer.Certificate }.Concat(signer.Chain)
                .Select(c => PemEncoding.WriteString("CERTIFICATE", c.GetEncoded()) + "\n"));
            return Results.Text(pem, "application/x-pem-file");
        }).WithTags("Time-stamp authority").WithName("GetTsaCertificateChain");
    }

    private static async Task StampAsync(HttpContext context, TimeStamper stamper, IAuditTrail audit, Microsoft.Extensions.Options.IOptions<TsaOptions> options)
    {
        var limit = options.Value.MaxRequestBytes;
        var body = IsQuery(context.Request.ContentType) && !(context.Request.ContentLength > limit)
            ? await ReadAtMostAsync(context.Request.Body, context.Request.ContentLength, limit + 1, context.RequestAborted)
            : null;
        var outcome = body is null
            ? Rejected("badDataFormat", "The body must be an application/timestamp-query.")
            : stamper.Stamp(body);

        try
        {
            await audit.RecordAsync(HttpAuditContext.For(context, "pki.tsa", "timestamp.issue",
                outcome.Granted ? AuditOutcome.Success : AuditOutcome.Failure, outcome.SerialNumber, Details(outcome)), context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fail closed: a token the trail cannot record is not handed out.
            outcome = Rejected("systemFailure", "The audit trail could not record the request.");
        }

        context.Response.ContentType = ReplyType;
        context.Response.ContentLength = outcome.Response.Length;
        await context.Response.Body.WriteAsync(outcome.Response, context.RequestAborted);
    }

    private static Dictionary<string, string> Details(StampOutcome outcome)
    {
        var details = new Dictionary<string, string>(5);
        void Add(string key, string? value)
        {
            if (value is not null)
            {
                details[key] = value;
            }
        }

        Add("hashAlgorithm", outcome.HashAlgorithm);
        Add("imprint", outcome.Imprint);
        Add("policy", outcome.Policy);
        Add("genTime", outcome.GenTime?.ToString("O"));
        Add("failure", outcome.Failure);
        return details;
    }

    private static StampOutcome Rejected(string failure, string reason)
    {
        var info = failure == "systemFailure" ? PkiFailureInfo.SystemFailure : PkiFailureInfo.BadDataFormat;
        var status = new PkiStatusInfo((int)Org.BouncyCastle.Asn1.Cmp.PkiStatus.Rejection, new PkiFreeText(reason), new PkiFailureInfo(info));
        return new StampOutcome(new Org.BouncyCastle.Asn1.Tsp.TimeStampResp(status, null).GetEncoded(), false, failure, reason);
    }

    /// <summary>Media types are compared as media types, so parameters (charset, …) do not matter.</summary>
    private static bool IsQuery(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/timestamp-query", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadAtMostAsync(Stream body, long? length, int limit, CancellationToken cancellationToken)
    {
        if (length is { } declared and <= int.MaxValue)
        {
            // The usual case: a declared length within the limit, read straight into its own array.
            var exact = new byte[(int)declared];
            var filled = 0;
            int count;
            while (filled < exact.Length && (count = await body.ReadAsync(exact.AsMemory(filled), cancellationToken)) > 0)
            {
                filled += count;
            }

            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

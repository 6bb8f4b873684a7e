using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Org.BouncyCastle.Asn1.Cmp;
using Pki.Tsa.Authority;
using Pki.Tsa.Protocol;
using Platform.Auditing;
using Platform.Http;
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
    private const string QueryType = "application/timestamp-query";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/tsa", StampAsync).WithTags("Time-stamp authority").WithName("TimeStamp")
            .WithSummary("Request a time-stamp token (RFC 3161)")
            .WithDescription("Every answer is a TimeStampResp with HTTP 200, a rejection too (its status says why).")
            .DescribesBody<Stream>(QueryType).Produces<Stream>(StatusCodes.Status200OK, ReplyType)
            .RequireRateLimiting(ClientAddressPartitions.Anonymous);
        endpoints.MapGet("/tsa/certificate-chain", (TsaCredentials credentials) =>
        {
            var signer = credentials.Current;
            var pem = string.Concat(new[] { signer.Certificate }.Concat(signer.Chain)
                .Select(c => PemEncoding.WriteString("CERTIFICATE", c.GetEncoded()) + "\n"));
            return Results.Text(pem, "application/x-pem-file");
        }).Produces<string>(StatusCodes.Status200OK, "application/x-pem-file").WithTags("Time-stamp authority").WithName("GetTsaCertificateChain").WithSummary("Download the TSA's certificate chain (PEM)");
    }

    private static async Task StampAsync(
        HttpContext context, TimeStamper stamper, IAuditTrail audit, Microsoft.Extensions.Options.IOptions<TsaOptions> options, Metrics.TsaMetrics metrics)
    {
        // A body of the wrong type, too large, too slow or cut short is a TimeStampResp rejection like any bad request.
        var read = await RequestBody.ReadAsync(context, new BodyRules(options.Value.MaxRequestBytes, QueryType));
        if (read.IsAborted)
        {
            return;
        }

        var outcome = read.Body is null
            ? Rejected("badDataFormat", read.Detail!)
            : stamper.Stamp(read.Body);

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

        metrics.Answered(outcome);
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
}

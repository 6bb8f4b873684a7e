using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Pki.Ca.Hierarchy;
using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Est;

/// <summary>What every EST operation reads and answers: the base64 DER body, HTTP Basic, plain-text refusals, certs-only PKCS#7.</summary>
internal static partial class EstEndpoints
{
    private const string CertsOnlyType = "application/pkcs7-mime; smime-type=certs-only";
    private const string BasicChallenge = "Basic realm=\"est\", charset=\"UTF-8\"";
    private static readonly BodyRules CsrBody = new(64 * 1024, "application/pkcs10");

    /// <summary>The id and secret of an <c>Authorization: Basic</c> header, or null.</summary>
    private static (string Id, string Secret)? BasicCredentials(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return null;
        }

        var bytes = new byte[header.Length];
        if (!Convert.TryFromBase64String(header["Basic ".Length..].Trim(), bytes, out var length))
        {
            return null;
        }

        var pair = System.Text.Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? (pair[..colon], pair[(colon + 1)..]) : null;
    }

    /// <summary>
    /// The CSR of an EST body (base64 of DER) as DER and as PEM for the issuer; null when there is
    /// none, the refusal then answered and audited as <paramref name="action"/> (nothing for a client gone).
    /// </summary>
    private static async Task<(byte[] Der, string Pem)?> CsrAsync(HttpContext context, string action)
    {
        var read = await RequestBody.ReadAsync(context, CsrBody);
        if (read.Body is null)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(context, action, read.Failure ?? ProblemCodes.BodyIncomplete, read.Detail ?? "The body was cut short.");
            }

            return null;
        }

        var text = System.Text.Encoding.ASCII.GetString(read.Body);
        var der = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, der, out var length) || length == 0)
        {
            await RefuseAsync(context, action, ProblemCodes.EstBodyInvalid, "The body is not base64 (RFC 4648) of a DER PKCS#10 request.");
            return null;
        }

        return (der[..length], PemText.CertificateRequest(der.AsSpan(0, length)));
    }

    private static async Task RefuseAsync(HttpContext context, string action, ProblemCode code, string detail)
    {
        await context.RequestServices.GetRequiredService<IAuditTrail>().RecordAsync(HttpAuditContext.For(context, Module, action, AuditOutcome.Failure,
            details: new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail }), context.RequestAborted);
        if (code == ProblemCodes.EnrollmentSecretRefused)
        {
            context.Response.Headers.WWWAuthenticate = BasicChallenge;
        }

        await PlainAsync(context, code.Status, detail);
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    /// <summary>A refusal the registration authority or the issuer recorded already: answered, not audited again.</summary>
    private static Task RecordedRefusalAsync(HttpContext context, ProblemCode code, string detail)
    {
        if (code == ProblemCodes.EnrollmentSecretRefused)
        {
            context.Response.Headers.WWWAuthenticate = BasicChallenge;
        }

        return PlainAsync(context, code.Status, detail);
    }

    private static string CertsOnlyBase64(IEnumerable<byte[]> certificates) =>
        Convert.ToBase64String(CertsOnly.Encode(certificates), Base64FormattingOptions.InsertLineBreaks) + "\r\n";

    private static async Task CertsOnlyAsync(HttpContext context, int status, IEnumerable<byte[]> certificates)
    {
        var body = CertsOnlyBase64(certificates);
        context.Response.StatusCode = status;
        context.Response.ContentType = CertsOnlyType;
        context.Response.Headers["Content-Transfer-Encoding"] = "base64";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Org.BouncyCastle.Asn1.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pki.Ca.Est;

/// <summary>
/// Enrollment over Secure Transport (RFC 7030) at <c>/.well-known/est/</c>: <c>cacerts</c> (the
/// issuing CA and its chain, anonymous), <c>csrattrs</c> (none asked: 204), <c>simpleenroll</c>
/// with a one-time enrollment secret a registration officer handed out (HTTP Basic), and
/// <c>simplereenroll</c>: a client renews the certificate it authenticates the TLS connection
/// with, for the same subject and names under the same profile. Bodies are base64 of DER, as the
/// RFC says; refusals are HTTP statuses with a plain-text reason (RFC 7030 §4.2.3), each audited.
/// </summary>
internal static class EstEndpoints
{
    private const string Module = IssuanceEvents.Module;
    private const string CertsOnlyType = "application/pkcs7-mime; smime-type=certs-only";
    private static readonly BodyRules CsrBody = new(64 * 1024, "application/pkcs10");

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var est = endpoints.MapGroup("/.well-known/est").WithTags("EST (RFC 7030)");
        est.MapGet("/cacerts", CaCertificatesAsync).WithName("EstCaCertificates").AllowAnonymous();
        est.MapGet("/csrattrs", () => Results.NoContent()).WithName("EstCsrAttributes").AllowAnonymous();
        est.MapPost("/simpleenroll", EnrollAsync).WithName("EstSimpleEnroll").AllowAnonymous();
        est.MapPost("/simplereenroll", ReenrollAsync).WithName("EstSimpleReenroll").AllowAnonymous();
    }

    private static Task CaCertificatesAsync(HttpContext context, CaRegistry registry) =>
        CertsOnlyAsync(context, StatusCodes.Status200OK, registry.Chain(registry.Issuing).Select(ca => ca.Der));

    /// <summary>
    /// RFC 7030 §4.2.1 with HTTP Basic authentication (§3.2.3): <c>id:secret</c> of a one-time
    /// enrollment secret a registration officer handed out, which approves this one certificate.
    /// </summary>
    private static async Task EnrollAsync(HttpContext context, Registration.RegistrationAuthority authority, IAuditTrail audit)
    {
        if (BasicCredentials(context) is not var (id, secret))
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"est\", charset=\"UTF-8\"";
            await RefuseAsync(context, audit, "est.simpleenroll", ProblemCodes.EnrollmentSecretRefused,
                "Enrollment is authenticated with HTTP Basic: the id and the secret of a one-time enrollment secret.");
            return;
        }

        var (pem, invalid) = await CsrPemAsync(context);
        if (invalid is not null)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(context, audit, "est.simpleenroll", invalid.Value.Code, invalid.Value.Detail);
            }

            return;
        }

        var result = await authority.EnrollAsync(id, secret, pem!, context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier, context.RequestAborted);
        if (result.Value is not { } issued)
        {
            // The registration authority recorded the refusal.
            if (result.Code == ProblemCodes.EnrollmentSecretRefused)
            {
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"est\", charset=\"UTF-8\"";
            }

            await PlainAsync(context, result.Code!.Status, result.Detail!);
            return;
        }

        await CertsOnlyAsync(context, StatusCodes.Status200OK, [issued.Record.Certificate]);
    }

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

    /// <summary>RFC 7030 §4.2.2: the same subject and subject alternative names as the certificate the client authenticates with.</summary>
    private static async Task ReenrollAsync(HttpContext context, ICaStore store, CertificateIssuer issuer, IAuditTrail audit)
    {
        if (context.User.FindFirst(PlatformClaims.CertificateSerial)?.Value is not { } serial
            || await store.GetCertificateAsync(serial, context.RequestAborted) is not { } current)
        {
            // No HTTP authentication scheme names a TLS client certificate: the platform sends no challenge for one.
            await RefuseAsync(context, audit, "est.simplereenroll", ProblemCodes.ClientCertificateRequired,
                "Re-enrollment is authenticated with the certificate being renewed: present it as the TLS client certificate.");
            return;
        }

        var (pem, invalid) = await CsrPemAsync(context);
        if (invalid is not null)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(context, audit, "est.simplereenroll", invalid.Value.Code, invalid.Value.Detail);
            }

            return;
        }

        var (csr, parseError) = CsrParser.Parse(pem);
        if (parseError is not null)
        {
            await RefuseAsync(context, audit, "est.simplereenroll", parseError.Code, parseError.Message);
            return;
        }

        var renewed = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(current.Certificate);
        if (!csr!.Subject.Equivalent(renewed.SubjectDN, inOrder: true) || !SameNames(csr.SubjectAlternativeNames, renewed))
        {
            await RefuseAsync(context, audit, "est.simplereenroll", ProblemCodes.ReenrollmentSubjectChanged,
                $"The request must name the subject '{renewed.SubjectDN}' and the same subject alternative names as certificate {serial}.");
            return;
        }

        var result = await issuer.IssueAsync(new IssuanceRequest(pem, current.Profile, HttpAuditContext.Actor(context),
            context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier), context.RequestAborted);
        if (result.Error is { } error)
        {
            // The issuer recorded the refusal.
            await PlainAsync(context, error.Code.Status, error.Message);
            return;
        }

        await CertsOnlyAsync(context, StatusCodes.Status200OK, [result.Issued!.Record.Certificate]);
    }

    /// <summary>The CSR of an EST body (base64 of DER), as PEM for the issuer; or why there is none.</summary>
    private static async Task<(string? Pem, (ProblemCode Code, string Detail)? Error)> CsrPemAsync(HttpContext context)
    {
        var read = await RequestBody.ReadAsync(context, CsrBody);
        if (read.Body is null)
        {
            return (null, (read.Failure ?? ProblemCodes.BodyIncomplete, read.Detail ?? "The body was cut short."));
        }

        var text = System.Text.Encoding.ASCII.GetString(read.Body);
        var der = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, der, out var length) || length == 0)
        {
            return (null, (ProblemCodes.EstBodyInvalid, "The body is not base64 (RFC 4648) of a DER PKCS#10 request."));
        }

        return (PemText.CertificateRequest(der.AsSpan(0, length)), null);
    }

    private static bool SameNames(IReadOnlyList<GeneralName> requested, Org.BouncyCastle.X509.X509Certificate renewed)
    {
        var extension = renewed.GetExtensionValue(X509Extensions.SubjectAlternativeName);
        var current = extension is null ? [] : GeneralNames.GetInstance(extension.GetOctets()).GetNames();
        static string Key(GeneralName name) => $"{name.TagNo}:{Convert.ToHexString(name.Name.ToAsn1Object().GetEncoded())}";
        return requested.Select(Key).Order(StringComparer.Ordinal).SequenceEqual(current.Select(Key).Order(StringComparer.Ordinal));
    }

    private static async Task RefuseAsync(HttpContext context, IAuditTrail audit, string action, ProblemCode code, string detail)
    {
        await audit.RecordAsync(HttpAuditContext.For(context, Module, action, AuditOutcome.Failure,
            details: new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail }), context.RequestAborted);
        await PlainAsync(context, code.Status, detail);
    }

    private static async Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text + "\n", context.RequestAborted);
    }

    private static async Task CertsOnlyAsync(HttpContext context, int status, IEnumerable<byte[]> certificates)
    {
        var body = Convert.ToBase64String(CertsOnly.Encode(certificates), Base64FormattingOptions.InsertLineBreaks) + "\r\n";
        context.Response.StatusCode = status;
        context.Response.ContentType = CertsOnlyType;
        context.Response.Headers["Content-Transfer-Encoding"] = "base64";
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}

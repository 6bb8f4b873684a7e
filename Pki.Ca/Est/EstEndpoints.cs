using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Registration;
using Platform.Http;

namespace Pki.Ca.Est;

/// <summary>
/// Enrollment over Secure Transport (RFC 7030) at <c>/.well-known/est/</c>: <c>cacerts</c> (the
/// issuing CA and its chain, anonymous), <c>csrattrs</c> (none asked: 204), <c>simpleenroll</c>
/// with a one-time enrollment secret a registration officer handed out (HTTP Basic) or, under a
/// department's label, with a TLS client certificate alone (queued for the officers' approval,
/// RFC 7030 §4.2.3), <c>simplereenroll</c> (a client renews the certificate it authenticates the
/// TLS connection with, for the same subject and names under the same profile) and
/// <c>serverkeygen</c> (§4.4: the server makes the key and returns it encrypted to the requester).
/// Every path also takes a label, <c>/.well-known/est/&lt;department&gt;/…</c> (§3.2.2), that
/// names the department. Bodies are base64 of DER, as the RFC says; refusals are HTTP statuses
/// with a plain-text reason (§4.2.3), each audited.
/// </summary>
internal static partial class EstEndpoints
{
    private const string Module = IssuanceEvents.Module;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var est = endpoints.MapGroup("/.well-known/est").WithTags("EST (RFC 7030)").AllowAnonymous();
        est.MapGet("/cacerts", (Func<HttpContext, Task>)(context => CaCertificatesAsync(context, null))).WithName("EstCaCertificates").WithSummary("EST: the issuing CA certificates")
            .Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapGet("/{label}/cacerts", (HttpContext context, string label) => CaCertificatesAsync(context, label)).WithName("EstLabelCaCertificates").WithSummary("EST: a department's CA certificates")
            .Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapGet("/csrattrs", () => Results.NoContent()).WithName("EstCsrAttributes").WithSummary("EST: CSR attributes (none asked)");
        est.MapGet("/{label}/csrattrs", (HttpContext context, string label) => CsrAttributesAsync(context, label)).WithName("EstLabelCsrAttributes").WithSummary("EST: a department's CSR attributes");
        est.MapPost("/simpleenroll", (Func<HttpContext, Task>)(context => EnrollAsync(context, null))).WithName("EstSimpleEnroll").WithSummary("EST: enroll with a one-time secret")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapPost("/{label}/simpleenroll", (HttpContext context, string label) => EnrollAsync(context, label)).WithName("EstLabelSimpleEnroll").WithSummary("EST: enroll under a department")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapPost("/simplereenroll", (Func<HttpContext, Task>)(context => ReenrollAsync(context, null))).WithName("EstSimpleReenroll").WithSummary("EST: renew the TLS client certificate")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapPost("/{label}/simplereenroll", (HttpContext context, string label) => ReenrollAsync(context, label)).WithName("EstLabelSimpleReenroll").WithSummary("EST: renew under a department")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "application/pkcs7-mime");
        est.MapPost("/serverkeygen", (Func<HttpContext, Task>)(context => ServerKeygenAsync(context, null))).WithName("EstServerKeygen").WithSummary("EST: enroll with a server-generated key")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "multipart/mixed");
        est.MapPost("/{label}/serverkeygen", (HttpContext context, string label) => ServerKeygenAsync(context, label)).WithName("EstLabelServerKeygen").WithSummary("EST: server-generated key under a department")
            .DescribesBody<string>("application/pkcs10").Produces<string>(StatusCodes.Status200OK, "multipart/mixed");
    }

    /// <summary>Under a label, the CA of the department's first profile and its chain; else the default issuing CA's.</summary>
    private static async Task CaCertificatesAsync(HttpContext context, string? label)
    {
        var registry = context.RequestServices.GetRequiredService<CaRegistry>();
        var ca = registry.Issuing;
        if (label is not null)
        {
            if (await DepartmentAsync(context, label, action: null) is not { } department)
            {
                return;
            }

            if (context.RequestServices.GetRequiredService<ProfileCatalog>().TryGet(department.Profiles[0], out var profile))
            {
                ca = context.RequestServices.GetRequiredService<CertificateIssuer>().DefaultCa(profile);
            }
        }

        await CertsOnlyAsync(context, StatusCodes.Status200OK, registry.Chain(ca).Select(c => c.Der));
    }

    private static async Task CsrAttributesAsync(HttpContext context, string label)
    {
        if (await DepartmentAsync(context, label, action: null) is not null)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
    }

    /// <summary>
    /// The department a path label names; null, with a 404 in plain text already answered (and
    /// audited for an enrollment, <paramref name="action"/>), when there is none.
    /// </summary>
    private static async Task<Department?> DepartmentAsync(HttpContext context, string label, string? action)
    {
        if (await context.RequestServices.GetRequiredService<IRegistrationStore>().GetDepartmentAsync(label, context.RequestAborted) is { } department)
        {
            return department;
        }

        var detail = "The EST path label names no department: use /.well-known/est/<department>/… with a department's name.";
        if (action is null)
        {
            await PlainAsync(context, ProblemCodes.EstLabelUnknown.Status, detail);
        }
        else
        {
            await RefuseAsync(context, action, ProblemCodes.EstLabelUnknown, detail);
        }

        return null;
    }
}

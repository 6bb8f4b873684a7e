using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// <c>POST /pmi/attribute-certificates</c>, for administrators and, within their delegations, sub-authorities;
/// their revocation (administrators); and reading them (auditors and administrators).
/// </summary>
internal static class AttributeCertificateEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pmi/attribute-certificates", IssueAsync).WithTags("Attribute authority").WithName("IssueAttributeCertificate").WithSummary("Issue an attribute certificate")
            // Authenticated only: GrantorResolver admits administrators and delegates and refuses everyone else.
            .RequireAuthorization()
            .Accepts<AttributeCertificateRequest>("application/json")
            .Produces<AttributeCertificateResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapPost("/pmi/attribute-certificates/{serial}/revoke", RevokeAsync).WithTags("Attribute authority").WithName("RevokeAttributeCertificate").WithSummary("Revoke an attribute certificate")
            .RequireAuthorization(PlatformRoles.Administrator)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        // Officers read what they audit; the auditor policy admits administrators too.
        endpoints.MapGet("/pmi/attribute-certificates", ListAsync).WithTags("Attribute authority").WithName("ListAttributeCertificates").WithSummary("List attribute certificates")
            .RequireAuthorization(PlatformRoles.Auditor)
            .Produces<AttributeCertificatePage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapGet("/pmi/attribute-certificates/{serial}", GetAsync).WithTags("Attribute authority").WithName("GetAttributeCertificate").WithSummary("Read an attribute certificate")
            .RequireAuthorization(PlatformRoles.Auditor)
            .Produces<AttributeCertificateRecord>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        // Public, as CRLs are (RFC 5280): relying parties check attribute certificates against it.
        endpoints.MapGet("/pmi/acrl", async (AttributeRevocation revocation, CancellationToken cancellationToken) =>
            Results.Bytes(await revocation.AcrlAsync(cancellationToken), "application/pkix-crl")).WithTags("Attribute authority").WithName("GetAcrl").WithSummary("Download the attribute certificate revocation list")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pkix-crl");
    }

    private static async Task<IResult> ListAsync(string? holder, string? status, string? after, int? limit, AttributeCertificateQueries queries, CancellationToken cancellationToken)
    {
        var query = ListingQuery.Read(holder, "holder", status, after, limit);
        if (query.Problem is not null)
        {
            return query.Problem;
        }

        var page = await queries.ListCertificatesAsync(query.Serial, query.Status, query.After, query.Limit, cancellationToken);
        return Results.Json(new AttributeCertificatePage(page, page.Count == query.Limit ? page[^1].SerialNumber : null),
            AuthorizationJsonContext.Default.AttributeCertificatePage);
    }

    private static async Task<IResult> GetAsync(string serial, AttributeCertificateQueries queries, CancellationToken cancellationToken)
    {
        var normalized = Serials.Normalize(serial);
        if (!Serials.IsValid(normalized))
        {
            return Problems.Result(ProblemCodes.SerialInvalid, "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        return await queries.GetCertificateAsync(normalized, cancellationToken) is { } found
            ? Results.Json(found, AuthorizationJsonContext.Default.AttributeCertificateRecord)
            : Problems.Result(ProblemCodes.AttributeCertificateUnknown, $"No attribute certificate with serial number {normalized} was issued here.");
    }

    private static async Task<IResult> RevokeAsync(string serial, HttpContext context, AttributeRevocation revocation, IAuditTrail audit)
    {
        var normalized = Serials.Normalize(serial);
        if (!Serials.IsValid(normalized))
        {
            return Problems.Result(ProblemCodes.SerialInvalid, "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        var auditEvent = HttpAuditContext.For(context, PolicyEndpoints.Module, "attribute-certificate.revoke", AuditOutcome.Success);
        var revoked = await revocation.RevokeAsync(normalized, "unspecified", auditEvent, context.RequestAborted);

        if (revoked.RevokedAt is null)
        {
            return Problems.Result(ProblemCodes.AttributeCertificateUnknown, $"No attribute certificate with serial number {normalized} was issued here.");
        }

        if (revoked.Already)
        {
            // As a certificate revoked twice: refused, and the refusal is the action's one event.
            return await RevocationRefusal.AlreadyRevokedAsync(context, audit, auditEvent, normalized, ProblemCodes.AttributeCertificateAlreadyRevoked,
                $"The attribute certificate {normalized} was revoked already, at {revoked.RevokedAt.Value.UtcDateTime:O}; a revocation cannot be repeated or undone.");
        }

        return Results.Text($"{{\"serialNumber\":\"{normalized}\",\"revokedAt\":\"{revoked.RevokedAt.Value.UtcDateTime:O}\"}}", "application/json");
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AttributeCertificateIssuer issuer, DelegationRegistry delegations, IAuditTrail audit)
    {
        var (grantor, refusal) = await GrantorResolver.ResolveAsync(context, delegations, audit);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, problem) = await RequestBody.ReadJsonAsync(context, AuthorizationJsonContext.Default.AttributeCertificateRequest);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await issuer.IssueAsync(body!, grantor, HttpAuditContext.For(context, PolicyEndpoints.Module, "attribute-certificate.issue", AuditOutcome.Success), context.RequestAborted);

        return outcome.Issued is null
            ? Problems.Result(outcome.Code!, outcome.Detail!)
            : Results.Json(outcome.Issued, AuthorizationJsonContext.Default.AttributeCertificateResponse, statusCode: StatusCodes.Status201Created);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pmi.Authorization.Endpoints;

/// <summary><c>POST /pmi/attribute-certificates</c> (INTERFACE §6), for administrators and, within their delegations, sub-authorities.</summary>
internal static class AttributeCertificateEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pmi/attribute-certificates", IssueAsync).WithTags("Attribute authority").WithName("IssueAttributeCertificate")
            // Authenticated only: GrantorResolver admits administrators and delegates and refuses everyone else.
            .RequireAuthorization()
            .Accepts<AttributeCertificateRequest>("application/json")
            .Produces<AttributeCertificateResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapPost("/pmi/attribute-certificates/{serial}/revoke", RevokeAsync).WithTags("Attribute authority").WithName("RevokeAttributeCertificate")
            .RequireAuthorization(PlatformRoles.Administrator);
        // Public, as CRLs are (RFC 5280): relying parties check attribute certificates against it.
        endpoints.MapGet("/pmi/acrl", async (AttributeRevocation revocation, CancellationToken cancellationToken) =>
            Results.Bytes(await revocation.AcrlAsync(cancellationToken), "application/pkix-crl")).WithTags("Attribute authority").WithName("GetAcrl");
    }

    private static async Task<IResult> RevokeAsync(string serial, HttpContext context, AttributeRevocation revocation)
    {
        var normalized = serial.Trim().ToLowerInvariant().TrimStart('0');
        if (normalized.Length is 0 or > 40 || !normalized.All(char.IsAsciiHexDigit))
        {
            return Problems.BadRequest("serial-invalid", "A serial number is a positive hexadecimal number of at most 20 octets.");
        }

        DateTimeOffset? revokedAt;
        try
        {
            revokedAt = await revocation.RevokeAsync(normalized, "unspecified",
                HttpAuditContext.For(context, PolicyEndpoints.Module, "attribute-certificate.revoke", AuditOutcome.Success), context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the revocation, so it was not made.");
        }

        return revokedAt is null
            ? Problems.NotFound("attribute-certificate-unknown", $"No attribute certificate with serial number {normalized} was issued here.")
            : Results.Text($"{{\"serialNumber\":\"{normalized}\",\"revokedAt\":\"{revokedAt.Value.UtcDateTime:O}\"}}", "application/json");
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AttributeCertificateIssuer issuer, DelegationRegistry delegations, IAuditTrail audit)
    {
        var (grantor, refusal) = await GrantorResolver.ResolveAsync(context, delegations, audit);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, AuthorizationJsonContext.Default.AttributeCertificateRequest, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        AttributeIssueOutcome outcome;
        try
        {
            outcome = await issuer.IssueAsync(body!, grantor, HttpAuditContext.For(context, PolicyEndpoints.Module, "attribute-certificate.issue", AuditOutcome.Success), context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the issuance, so nothing was issued.");
        }

        return outcome.Issued is null
            ? Problems.Result(outcome.Status, outcome.Code!, outcome.Detail!)
            : Results.Json(outcome.Issued, AuthorizationJsonContext.Default.AttributeCertificateResponse, statusCode: StatusCodes.Status201Created);
    }
}

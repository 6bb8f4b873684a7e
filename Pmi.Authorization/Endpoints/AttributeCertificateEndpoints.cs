using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;

namespace Pmi.Authorization.Endpoints;

/// <summary><c>POST /pmi/attribute-certificates</c> (INTERFACE §6), for administrators.</summary>
internal static class AttributeCertificateEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pmi/attribute-certificates", IssueAsync).WithTags("Attribute authority").WithName("IssueAttributeCertificate")
            .RequireAuthorization(PlatformRoles.Administrator)
            .Accepts<AttributeCertificateRequest>("application/json")
            .Produces<AttributeCertificateResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> IssueAsync(HttpContext context, AttributeCertificateIssuer issuer)
    {
        var (body, problem) = await JsonBody.ReadAsync(context.Request, AuthorizationJsonContext.Default.AttributeCertificateRequest, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        AttributeIssueOutcome outcome;
        try
        {
            outcome = await issuer.IssueAsync(body!, HttpAuditContext.For(context, PolicyEndpoints.Module, "attribute-certificate.issue", AuditOutcome.Success), context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the issuance, so nothing was issued.");
        }

        return outcome.Issued is null
            ? Problems.BadRequest(outcome.Code!, outcome.Detail!)
            : Results.Json(outcome.Issued, AuthorizationJsonContext.Default.AttributeCertificateResponse, statusCode: StatusCodes.Status201Created);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;

namespace Pmi.Authorization.Endpoints;

/// <summary><c>POST /pmi/delegations</c> (administrators, or delegates with depth to spare) and its revocation (administrators).</summary>
internal static class DelegationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pmi/delegations", DelegateAsync).WithTags("Attribute authority").WithName("Delegate")
            .RequireAuthorization()
            .Accepts<DelegationRequest>("application/json")
            .Produces<DelegationResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapPost("/pmi/delegations/{id}/revoke", RevokeAsync).WithTags("Attribute authority").WithName("RevokeDelegation")
            .RequireAuthorization(PlatformRoles.Administrator);
    }

    private static async Task<IResult> DelegateAsync(HttpContext context, DelegationRegistry delegations, IAuditTrail audit)
    {
        var (grantor, refusal) = await GrantorResolver.ResolveAsync(context, delegations, audit);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, AuthorizationJsonContext.Default.DelegationRequest, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        DelegationOutcome outcome;
        try
        {
            outcome = await delegations.DelegateAsync(body!, grantor, HttpAuditContext.For(context, PolicyEndpoints.Module, "delegation.create", AuditOutcome.Success), context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the delegation, so none was made.");
        }

        return outcome.Made is null
            ? Problems.Result(outcome.Status, outcome.Code!, outcome.Detail!)
            : Results.Json(outcome.Made, AuthorizationJsonContext.Default.DelegationResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, DelegationRegistry delegations)
    {
        var normalized = id.Trim().ToLowerInvariant();
        if (normalized.Length is 0 or > 64 || !normalized.All(char.IsAsciiHexDigit))
        {
            return Problems.BadRequest("delegation-id-invalid", "A delegation id is hexadecimal.");
        }

        DateTimeOffset? revokedAt;
        try
        {
            revokedAt = await delegations.RevokeAsync(normalized, HttpAuditContext.For(context, PolicyEndpoints.Module, "delegation.revoke", AuditOutcome.Success), context.RequestAborted);
        }
        catch (AuditUnavailableException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the revocation, so it was not made.");
        }

        return revokedAt is null
            ? Problems.NotFound("delegation-unknown", $"No delegation {normalized} was made here.")
            : Results.Text($"{{\"id\":\"{normalized}\",\"revokedAt\":\"{revokedAt.Value.UtcDateTime:O}\"}}", "application/json");
    }
}

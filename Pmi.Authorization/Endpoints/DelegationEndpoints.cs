using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// <c>POST /pmi/delegations</c> (administrators, or delegates with depth to spare), its revocation (administrators),
/// and reading them (auditors and administrators).
/// </summary>
internal static class DelegationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/pmi/delegations", DelegateAsync).WithTags("Attribute authority").WithName("Delegate").WithSummary("Delegate privileges to another holder")
            .RequireAuthorization()
            .Accepts<DelegationRequest>("application/json")
            .Produces<DelegationResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapPost("/pmi/delegations/{id}/revoke", RevokeAsync).WithTags("Attribute authority").WithName("RevokeDelegation").WithSummary("Revoke a delegation")
            .RequireAuthorization(PlatformRoles.Administrator)
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapGet("/pmi/delegations", ListAsync).WithTags("Attribute authority").WithName("ListDelegations").WithSummary("List delegations")
            .RequireAuthorization(PlatformRoles.Auditor)
            .Produces<DelegationPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        endpoints.MapGet("/pmi/delegations/{id}", GetAsync).WithTags("Attribute authority").WithName("GetDelegation").WithSummary("Read a delegation")
            .RequireAuthorization(PlatformRoles.Auditor)
            .Produces<DelegationResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "delegate")] string? delegateSerial, string? status, string? after, int? limit,
        AttributeCertificateQueries queries, CancellationToken cancellationToken)
    {
        var query = ListingQuery.Read(delegateSerial, "delegate", status, after, limit);
        if (query.Problem is not null)
        {
            return query.Problem;
        }

        var page = await queries.ListDelegationsAsync(query.Serial, query.Status, query.After, query.Limit, cancellationToken);
        return Results.Json(new DelegationPage(page, page.Count == query.Limit ? page[^1].Id : null), AuthorizationJsonContext.Default.DelegationPage);
    }

    private static async Task<IResult> GetAsync(string id, AttributeCertificateQueries queries, CancellationToken cancellationToken)
    {
        var normalized = id.Trim().ToLowerInvariant();
        if (normalized.Length is 0 or > 64 || !normalized.All(char.IsAsciiHexDigit))
        {
            return Problems.Result(ProblemCodes.DelegationIdInvalid, "A delegation id is hexadecimal.");
        }

        return await queries.GetDelegationAsync(normalized, cancellationToken) is { } found
            ? Results.Json(found, AuthorizationJsonContext.Default.DelegationResponse)
            : Problems.Result(ProblemCodes.DelegationUnknown, $"No delegation {normalized} was made here.");
    }

    private static async Task<IResult> DelegateAsync(HttpContext context, DelegationRegistry delegations, IAuditTrail audit)
    {
        var (grantor, refusal) = await GrantorResolver.ResolveAsync(context, delegations, audit);
        if (refusal is not null)
        {
            return refusal;
        }

        var (body, problem) = await RequestBody.ReadJsonAsync(context, AuthorizationJsonContext.Default.DelegationRequest);
        if (problem is not null)
        {
            return problem;
        }

        var outcome = await delegations.DelegateAsync(body!, grantor, HttpAuditContext.For(context, PolicyEndpoints.Module, "delegation.create", AuditOutcome.Success), context.RequestAborted);

        return outcome.Made is null
            ? Problems.Result(outcome.Code!, outcome.Detail!)
            : Results.Json(outcome.Made, AuthorizationJsonContext.Default.DelegationResponse, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, DelegationRegistry delegations, IAuditTrail audit)
    {
        var normalized = id.Trim().ToLowerInvariant();
        if (normalized.Length is 0 or > 64 || !normalized.All(char.IsAsciiHexDigit))
        {
            return Problems.Result(ProblemCodes.DelegationIdInvalid, "A delegation id is hexadecimal.");
        }

        var auditEvent = HttpAuditContext.For(context, PolicyEndpoints.Module, "delegation.revoke", AuditOutcome.Success);
        var revoked = await delegations.RevokeAsync(normalized, auditEvent, context.RequestAborted);

        if (revoked.RevokedAt is null)
        {
            return Problems.Result(ProblemCodes.DelegationUnknown, $"No delegation {normalized} was made here.");
        }

        return revoked.Already
            ? await RevocationRefusal.AlreadyRevokedAsync(context, audit, auditEvent, normalized, ProblemCodes.DelegationAlreadyRevoked,
                $"The delegation {normalized} was revoked already, at {revoked.RevokedAt.Value.UtcDateTime:O}; a revocation cannot be repeated or undone.")
            : Results.Text($"{{\"id\":\"{normalized}\",\"revokedAt\":\"{revoked.RevokedAt.Value.UtcDateTime:O}\"}}", "application/json");
    }
}

using ApprovalsSample.Approvals;
using Gateway.Verification;
using Microsoft.AspNetCore.Http.Features;

namespace ApprovalsSample.Api;

/// <summary>
/// The application's API, behind the gateway: its paths are the gateway's route paths, since the
/// gateway forwards a request's path as it is. The gateway has authenticated the caller and the
/// platform has decided before a request arrives; the API checks that the gateway signed it and
/// records the approver the signature names, never anything else the request says.
/// </summary>
public static class ApprovalsApi
{
    /// <summary>Lists every approval (gateway route: <c>Action::"read"</c> on <c>Approvals::"all"</c>).</summary>
    public const string ListPath = "/approvals";

    /// <summary>Approves one (gateway route: <c>Action::"approve"</c> on <c>Approval::"{id}"</c>).</summary>
    public const string ApprovePath = "/approvals/{id}/approve";

    /// <summary>Maps the API, every endpoint behind <see cref="GatewayIdentityFilter"/>.</summary>
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").AddEndpointFilter<GatewayIdentityFilter>();
        api.MapGet(ListPath, (IApprovalStore store) => Results.Json(store.List()));
        api.MapPost(ApprovePath, Approve);
        return endpoints;
    }

    private static IResult Approve(string id, HttpContext context, IApprovalStore store, TimeProvider time, ILoggerFactory logs)
    {
        var caller = context.Features.GetRequiredFeature<GatewayIdentity>();
        var result = store.Approve(id, new Approver(caller.Kind, caller.Id), time.GetUtcNow(), caller.Policies);
        switch (result.Outcome)
        {
            case ApproveOutcome.Approved:
                Log.Approved(logs.CreateLogger(typeof(ApprovalsApi)), id, caller.Kind, caller.Id, string.Join(',', caller.Policies));
                return Results.Json(result.Approval);
            case ApproveOutcome.NotPending:
                return ApiProblems.Of(ApiProblems.ApprovalNotPending, StatusCodes.Status409Conflict, "The approval was approved already.");
            default:
                return ApiProblems.Of(ApiProblems.ApprovalUnknown, StatusCodes.Status404NotFound, "There is no approval with that id.");
        }
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Authorization;

/// <summary>
/// Cedar authorization: default deny, forbid overrides permit, and a policy that errors is skipped
/// and reported, so an error can never allow.
/// </summary>
public static class Authorizer
{
    /// <summary>Decides a request against a policy set and entities.</summary>
    public static AuthorizationResponse IsAuthorized(AuthorizationRequest request, PolicySet policies, Entities entities)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(entities);

        var ctx = new EvaluationContext(
            new EntityValue(request.Principal),
            new EntityValue(request.Action),
            new EntityValue(request.Resource),
            request.ContextValue,
            entities);
        List<string>? permits = null;
        List<string>? forbids = null;
        List<PolicyError>? errors = null;
        Evaluate(policies.Index.ForAction(request.Action), request, ctx, ref permits, ref forbids, ref errors);
        Evaluate(policies.Index.General, request, ctx, ref permits, ref forbids, ref errors);

        IReadOnlyList<PolicyError> errs = errors is null ? [] : errors;
        if (forbids is not null)
        {
            return new AuthorizationResponse(Decision.Deny, forbids, errs);
        }

        return permits is not null
            ? new AuthorizationResponse(Decision.Allow, permits, errs)
            : new AuthorizationResponse(Decision.Deny, [], errs);
    }

    private static void Evaluate(Policy[] candidates, AuthorizationRequest request, EvaluationContext ctx, ref List<string>? permits, ref List<string>? forbids, ref List<PolicyError>? errors)
    {
        foreach (var policy in candidates)
        {
            if (!policy.ScopeMatches(request.Principal, request.Action, request.Resource, ctx.Entities))
            {
                continue;
            }

            ctx.Error = null;
            var satisfied = policy.ConditionsHold(ctx);
            if (ctx.Error is not null)
            {
                (errors ??= []).Add(new PolicyError(policy.Id, ctx.Error));
                continue;
            }

            if (satisfied)
            {
                (policy.Effect == Effect.Permit ? permits ??= [] : forbids ??= []).Add(policy.Id);
            }
        }
    }
}

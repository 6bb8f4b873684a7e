using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Authorization;

/// <summary>
/// Cedar authorization: default deny, forbid overrides permit, and a policy that errors is skipped
/// and reported, so an error can never allow.
/// </summary>
public static class Authorizer
{
    private static readonly CandidateVisitor<State> EvaluateCandidate = Evaluate;

    /// <summary>Decides a request against a policy set and entities.</summary>
    public static AuthorizationResponse IsAuthorized(AuthorizationRequest request, PolicySet policies, Entities entities)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(entities);

        var state = new State
        {
            Request = request,
            Context = new EvaluationContext(request.PrincipalValue, request.ActionValue, request.ResourceValue, request.ContextValue, entities),
        };
        policies.Index.ForEachCandidate(request.Principal, request.Action, request.Resource, entities, ref state, EvaluateCandidate);

        IReadOnlyList<PolicyError> errors = state.Errors is null ? [] : state.Errors;
        if (state.Forbids is not null)
        {
            return new AuthorizationResponse(Decision.Deny, InPolicyOrder(state.Forbids, policies), errors);
        }

        return state.Permits is not null
            ? new AuthorizationResponse(Decision.Allow, InPolicyOrder(state.Permits, policies), errors)
            : new AuthorizationResponse(Decision.Deny, [], errors);
    }

    private static void Evaluate(Policy policy, ref State state)
    {
        var request = state.Request;
        var ctx = state.Context;
        if (!policy.ScopeMatches(request.Principal, request.Action, request.Resource, ctx.Entities))
        {
            return;
        }

        ctx.Error = null;
        var satisfied = policy.ConditionsHold(ctx);
        if (ctx.Error is not null)
        {
            (state.Errors ??= []).Add(new PolicyError(policy.Id, ctx.Error));
        }
        else if (satisfied)
        {
            (policy.Effect == Effect.Permit ? state.Permits ??= [] : state.Forbids ??= []).Add(policy);
        }
    }

    // The index visits buckets, not text order; reasons are reported in policy-set order.
    private static List<string> InPolicyOrder(List<Policy> satisfied, PolicySet set)
    {
        if (satisfied.Count > 1)
        {
            satisfied.Sort((a, b) => set.OrderOf(a).CompareTo(set.OrderOf(b)));
        }

        var ids = new List<string>(satisfied.Count);
        foreach (var p in satisfied)
        {
            ids.Add(p.Id);
        }

        return ids;
    }

    private struct State
    {
        public AuthorizationRequest Request;
        public EvaluationContext Context;
        public List<Policy>? Permits;
        public List<Policy>? Forbids;
        public List<PolicyError>? Errors;
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Authorization;

/// <summary>
/// Cedar authorization: default deny, forbid overrides permit, and a policy that errors is skipped
/// and reported, so an error can never allow. Evaluation work is bounded: a policy that exceeds its
/// step budget errors, and once the request's budget is spent every policy left errors. A forbid
/// that could not be evaluated for want of budget denies, since it might have matched.
/// </summary>
public static class Authorizer
{
    /// <summary>The default most steps (expression nodes, <c>like</c> match steps) one policy may take.</summary>
    public const long DefaultMaxPolicySteps = 100_000;

    /// <summary>The default most steps one request may take over all its policies.</summary>
    public const long DefaultMaxRequestSteps = 5_000_000;

    private static readonly CandidateVisitor<State> EvaluateCandidate = Evaluate;

    /// <summary>Decides a request against a policy set and entities, within the default budgets.</summary>
    public static AuthorizationResponse IsAuthorized(AuthorizationRequest request, PolicySet policies, Entities entities) =>
        IsAuthorized(request, policies, entities, DefaultMaxPolicySteps, DefaultMaxRequestSteps, CancellationToken.None);

    /// <summary>
    /// Decides a request against a policy set and entities, each policy within <paramref name="maxPolicySteps"/>
    /// and all of them within <paramref name="maxRequestSteps"/>; throws <see cref="OperationCanceledException"/>
    /// once <paramref name="cancellationToken"/> is signalled (the caller has gone: no decision is owed).
    /// </summary>
    public static AuthorizationResponse IsAuthorized(
        AuthorizationRequest request, PolicySet policies, Entities entities, long maxPolicySteps, long maxRequestSteps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPolicySteps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRequestSteps, 1);
        cancellationToken.ThrowIfCancellationRequested();

        var state = new State
        {
            Request = request,
            Context = new EvaluationContext(request.PrincipalValue, request.ActionValue, request.ResourceValue, request.ContextValue, entities)
            {
                MaxPolicySteps = maxPolicySteps,
                MaxRequestSteps = maxRequestSteps,
                Cancellation = cancellationToken,
            },
        };
        policies.Index.ForEachCandidate(request.Principal, request.Action, request.Resource, entities, ref state, EvaluateCandidate);

        IReadOnlyList<PolicyError> errors = state.Errors is null ? [] : state.Errors;
        if (state.UnevaluatedForbid)
        {
            return new AuthorizationResponse(Decision.Deny, state.Forbids is null ? [] : InPolicyOrder(state.Forbids, policies), errors);
        }

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

        ctx.BeginPolicy();
        var spent = ctx.RequestBudgetSpent;
        var satisfied = !spent && policy.ConditionsHold(ctx);
        if (spent)
        {
            ctx.Charge(1); // records the request budget's error for this policy
        }

        if (ctx.Error is not null)
        {
            (state.Errors ??= []).Add(new PolicyError(policy.Id, ctx.Error));
            state.UnevaluatedForbid |= ctx.BudgetExceeded && policy.Effect == Effect.Forbid;
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
        public bool UnevaluatedForbid;
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Model;

namespace Pmi.Authorization.Policies;

/// <summary>
/// A static policy, a template, or a template-linked policy. Only static and linked policies take
/// part in authorization.
/// </summary>
public sealed class Policy
{
    internal Policy(
        string id,
        Effect effect,
        IReadOnlyDictionary<string, string> annotations,
        ScopeConstraint principal,
        ActionConstraint action,
        ScopeConstraint resource,
        IReadOnlyList<Condition> conditions,
        string? templateId)
    {
        Id = id;
        Effect = effect;
        Annotations = annotations;
        Principal = principal;
        Action = action;
        Resource = resource;
        Conditions = conditions;
        TemplateId = templateId;
    }

    /// <summary>The policy id: its <c>@id</c> annotation, a link id, or <c>policyN</c> by text order.</summary>
    public string Id { get; }

    /// <summary>Permit or forbid.</summary>
    public Effect Effect { get; }

    /// <summary>Annotations in declaration order; an annotation without value maps to the empty string.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    /// <summary>Whether this policy has unfilled slots (<c>?principal</c> or <c>?resource</c>).</summary>
    public bool IsTemplate => Principal.IsSlot || Resource.IsSlot;

    /// <summary>For a template-linked policy, the id of its template; otherwise null.</summary>
    public string? TemplateId { get; }

    internal ScopeConstraint Principal { get; }

    internal ActionConstraint Action { get; }

    internal ScopeConstraint Resource { get; }

    internal IReadOnlyList<Condition> Conditions { get; }

    internal Policy Link(string newId, EntityUid? principal, EntityUid? resource) => new(
        newId,
        Effect,
        Annotations,
        principal is { } p ? Principal.Fill(p) : Principal,
        Action,
        resource is { } r ? Resource.Fill(r) : Resource,
        Conditions,
        Id);

    /// <summary>Whether the scope admits the request; scope checks never raise errors.</summary>
    internal bool ScopeMatches(EntityUid principal, EntityUid action, EntityUid resource, Entities entities) =>
        Principal.Matches(principal, entities) && Action.Matches(action, entities) && Resource.Matches(resource, entities);

    /// <summary>
    /// Evaluates the conditions in order, stopping at the first that fails. On a Cedar error, returns
    /// false with the error recorded in <see cref="EvaluationContext.Error"/>.
    /// </summary>
    internal bool ConditionsHold(EvaluationContext ctx)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            var c = Conditions[i];
            var v = c.Body.Evaluate(ctx);
            if (v is not Values.BoolValue b)
            {
                ctx.TypeError("bool", v);
                return false;
            }

            if (b.Value != c.IsWhen)
            {
                return false;
            }
        }

        return true;
    }
}

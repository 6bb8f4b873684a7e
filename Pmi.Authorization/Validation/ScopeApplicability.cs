using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Validation;

/// <summary>
/// Checks that some action admitted by a policy's scope applies to a principal type and a resource
/// type that the scope admits. A scope that matches no request shape is an error, unlike a condition
/// that is always false, which is only a warning.
/// </summary>
internal static class ScopeApplicability
{
    public static bool IsApplicable(Policy policy, SchemaInfo schema)
    {
        var principals = TypesFor(policy.Principal, schema);
        var resources = TypesFor(policy.Resource, schema);
        foreach (var action in schema.Schema.Actions.Values)
        {
            if (action.PrincipalTypes is null || action.ResourceTypes is null || !ActionMatches(policy.Action, action.Uid, schema))
            {
                continue;
            }

            if (action.PrincipalTypes.Any(principals.Contains) && action.ResourceTypes.Any(resources.Contains))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ActionMatches(ActionConstraint constraint, EntityUid action, SchemaInfo schema) => constraint.Kind switch
    {
        ScopeKind.Any => true,
        ScopeKind.Eq => constraint.Entities[0] == action,
        _ => constraint.Entities.Any(target => schema.ActionDescendantOf(action, target)),
    };

    private static HashSet<string> TypesFor(ScopeConstraint scope, SchemaInfo schema)
    {
        var all = schema.EntityAttrs.Keys;
        if (scope.IsSlot && scope.Kind is ScopeKind.Eq or ScopeKind.In)
        {
            return new HashSet<string>(all, StringComparer.Ordinal);
        }

        return scope.Kind switch
        {
            ScopeKind.Any => new HashSet<string>(all, StringComparer.Ordinal),
            ScopeKind.Eq => new HashSet<string>(StringComparer.Ordinal) { scope.Entity!.Value.Type },
            ScopeKind.In => new HashSet<string>(all.Where(t => schema.TypeDescendantOf(t, scope.Entity!.Value.Type)), StringComparer.Ordinal),
            ScopeKind.Is => new HashSet<string>(StringComparer.Ordinal) { scope.EntityType! },
            _ => scope.IsSlot || schema.TypeDescendantOf(scope.EntityType!, scope.Entity!.Value.Type)
                ? new HashSet<string>(StringComparer.Ordinal) { scope.EntityType! }
                : new HashSet<string>(StringComparer.Ordinal),
        };
    }
}

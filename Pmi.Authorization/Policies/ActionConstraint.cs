using Pmi.Authorization.Model;

namespace Pmi.Authorization.Policies;

/// <summary>The action part of a policy scope: any, <c>== A</c>, or <c>in</c> one or several actions.</summary>
internal sealed record ActionConstraint(ScopeKind Kind, IReadOnlyList<EntityUid> Entities, bool IsList = false)
{
    public static readonly ActionConstraint Any = new(ScopeKind.Any, []);

    public bool Matches(EntityUid uid, Entities entities)
    {
        switch (Kind)
        {
            case ScopeKind.Any:
                return true;
            case ScopeKind.Eq:
                return uid == Entities[0];
            default:
                for (var i = 0; i < Entities.Count; i++)
                {
                    if (entities.IsDescendantOf(uid, Entities[i]))
                    {
                        return true;
                    }
                }

                return false;
        }
    }
}

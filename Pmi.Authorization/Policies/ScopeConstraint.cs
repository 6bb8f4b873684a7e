using Pmi.Authorization.Model;

namespace Pmi.Authorization.Policies;

/// <summary>
/// The principal or resource part of a policy scope. <see cref="Entity"/> is null while the
/// constraint refers to an unfilled template slot.
/// </summary>
internal sealed record ScopeConstraint(ScopeKind Kind, EntityUid? Entity, string? EntityType, bool IsSlot)
{
    public static readonly ScopeConstraint Any = new(ScopeKind.Any, null, null, false);

    public bool Matches(EntityUid uid, Entities entities) => Kind switch
    {
        ScopeKind.Any => true,
        ScopeKind.Eq => uid == Entity!.Value,
        ScopeKind.In => entities.IsDescendantOf(uid, Entity!.Value),
        ScopeKind.Is => string.Equals(uid.Type, EntityType, StringComparison.Ordinal),
        _ => string.Equals(uid.Type, EntityType, StringComparison.Ordinal) && entities.IsDescendantOf(uid, Entity!.Value),
    };

    public ScopeConstraint Fill(EntityUid value) => IsSlot ? this with { Entity = value, IsSlot = false } : this;
}

using Pmi.Authorization.Model;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// The entity types the platform derives from attribute certificates. Holders are the platform's alone:
/// an entity of the holder type in a request is refused whether or not the platform knows the holder, since
/// for an unknown or revoked holder it would otherwise stand unopposed. Roles and departments are the parents
/// the platform gives holders; a caller may name them, but may not give them parents of their own.
/// </summary>
internal sealed record ReservedEntityTypes(string Holder, string Role, string Department)
{
    /// <summary>Why <paramref name="entity"/> may not be supplied by a caller, or null when it may.</summary>
    public string? Refusal(Entity entity)
    {
        if (entity.Uid.Type == Holder)
        {
            return $"Entity {entity.Uid}: {Holder} entities are defined by the platform from attribute certificates and may not be supplied.";
        }

        return (entity.Uid.Type == Role || entity.Uid.Type == Department) && entity.Parents.Count > 0
            ? $"Entity {entity.Uid}: {entity.Uid.Type} entities come from attribute certificates and may not be given parents."
            : null;
    }
}

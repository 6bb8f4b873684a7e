using Pmi.Authorization.Values;

namespace Pmi.Authorization.Model;

/// <summary>An entity: attributes, direct parents, tags, and the precomputed transitive ancestors.</summary>
internal sealed class Entity(EntityUid uid, Dictionary<string, Value> attrs, HashSet<EntityUid> parents, Dictionary<string, Value>? tags)
{
    public EntityUid Uid { get; } = uid;

    public Dictionary<string, Value> Attrs { get; } = attrs;

    public HashSet<EntityUid> Parents { get; } = parents;

    public Dictionary<string, Value>? Tags { get; } = tags;

    /// <summary>All transitive ancestors; filled in when the entity set is built.</summary>
    public HashSet<EntityUid> Ancestors { get; set; } = [];
}

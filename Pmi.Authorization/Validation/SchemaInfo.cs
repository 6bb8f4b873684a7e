using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Validation;

/// <summary>The schema as the typechecker needs it: closed ancestor sets and converted types.</summary>
internal sealed class SchemaInfo
{
    public SchemaInfo(CedarSchema schema)
    {
        foreach (var e in schema.EntityTypes.Values)
        {
            EntityAttrs[e.Name] = TypeOps.FromSchema(e.Attributes);
            EntityTags[e.Name] = e.Tags is null ? null : TypeOps.FromSchema(e.Tags);
            EntityAncestors[e.Name] = Close(e.Name, n => schema.EntityTypes.TryGetValue(n, out var d) ? d.MemberOf : []);
            if (e.EnumValues is not null)
            {
                EnumValues[e.Name] = new HashSet<string>(e.EnumValues, StringComparer.Ordinal);
            }
        }

        foreach (var a in schema.Actions.Values)
        {
            ActionAncestors[a.Uid] = Close(a.Uid, u => schema.Actions.TryGetValue(u, out var d) ? d.MemberOf : []);
            ActionTypes.Add(a.Uid.Type);
        }

        Schema = schema;
    }

    public CedarSchema Schema { get; }

    public Dictionary<string, RecordOfType> EntityAttrs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, CedarType?> EntityTags { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> EntityAncestors { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, HashSet<string>> EnumValues { get; } = new(StringComparer.Ordinal);

    public Dictionary<EntityUid, HashSet<EntityUid>> ActionAncestors { get; } = [];

    public HashSet<string> ActionTypes { get; } = new(StringComparer.Ordinal);

    public bool IsEntityType(string name) => EntityAttrs.ContainsKey(name);

    public bool IsAction(EntityUid uid) => ActionAncestors.ContainsKey(uid);

    public bool IsValidEntityUid(EntityUid uid) =>
        IsEntityType(uid.Type) && (!EnumValues.TryGetValue(uid.Type, out var values) || values.Contains(uid.Id));

    public bool ActionDescendantOf(EntityUid a, EntityUid b) =>
        a == b || (ActionAncestors.TryGetValue(a, out var anc) && anc.Contains(b));

    /// <summary>Whether an entity of type <paramref name="a"/> may be a descendant of one of type <paramref name="b"/>.</summary>
    public bool TypeDescendantOf(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        if (EntityAncestors.TryGetValue(a, out var anc))
        {
            return anc.Contains(b);
        }

        foreach (var kv in ActionAncestors)
        {
            if (kv.Key.Type == a && kv.Value.Any(u => u.Type == b))
            {
                return true;
            }
        }

        return false;
    }

    private static HashSet<T> Close<T>(T start, Func<T, IEnumerable<T>> parents)
    {
        var result = new HashSet<T>();
        var stack = new Stack<T>(parents(start));
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            if (result.Add(p))
            {
                foreach (var gp in parents(p))
                {
                    stack.Push(gp);
                }
            }
        }

        return result;
    }
}

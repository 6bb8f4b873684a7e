using Pmi.Authorization.Model;

namespace Pmi.Authorization.Schema;

/// <summary>
/// Collects declarations from either schema syntax, then resolves type names: within namespace
/// <c>NS</c>, a name <c>T</c> means common type <c>NS::T</c>, entity type <c>NS::T</c>, a global
/// common or entity type <c>T</c>, or a builtin, in that order.
/// </summary>
internal sealed class SchemaBuilder
{
    private static readonly Dictionary<string, SchemaType> Builtins = new(StringComparer.Ordinal)
    {
        ["Long"] = PrimitiveType.Long,
        ["String"] = PrimitiveType.String,
        ["Bool"] = PrimitiveType.Bool,
        ["Boolean"] = PrimitiveType.Bool,
        ["ipaddr"] = new ExtensionType("ipaddr"),
        ["decimal"] = new ExtensionType("decimal"),
        ["datetime"] = new ExtensionType("datetime"),
        ["duration"] = new ExtensionType("duration"),
    };

    public Dictionary<string, EntityTypeDef> EntityTypes { get; } = new(StringComparer.Ordinal);

    public Dictionary<EntityUid, ActionDef> Actions { get; } = [];

    public Dictionary<string, SchemaType> CommonTypes { get; } = new(StringComparer.Ordinal);

    public static string Qualify(string ns, string name) => ns.Length == 0 ? name : ns + "::" + name;

    public void AddEntityType(EntityTypeDef def)
    {
        if (!EntityTypes.TryAdd(def.Name, def))
        {
            throw new SchemaException($"entity type {def.Name} is declared twice");
        }
    }

    public void AddAction(ActionDef def)
    {
        if (!Actions.TryAdd(def.Uid, def))
        {
            throw new SchemaException($"action {def.Uid} is declared twice");
        }
    }

    public void AddCommonType(string name, SchemaType type)
    {
        if (!CommonTypes.TryAdd(name, type))
        {
            throw new SchemaException($"common type {name} is declared twice");
        }
    }

    public CedarSchema Build()
    {
        foreach (var e in EntityTypes.Values)
        {
            e.Attributes = (RecordType)Resolve(e.Attributes, 0);
            if (e.Tags is not null)
            {
                e.Tags = Resolve(e.Tags, 0);
            }

            foreach (var parent in e.MemberOf)
            {
                if (!EntityTypes.ContainsKey(parent))
                {
                    throw new SchemaException($"entity type {e.Name} is declared in unknown type {parent}");
                }
            }
        }

        foreach (var a in Actions.Values)
        {
            a.Context = Resolve(a.Context, 0);
            if (a.Context is not RecordType)
            {
                throw new SchemaException($"context of action {a.Uid} is not a record");
            }

            foreach (var t in (a.PrincipalTypes ?? []).Concat(a.ResourceTypes ?? []))
            {
                if (!EntityTypes.ContainsKey(t))
                {
                    throw new SchemaException($"action {a.Uid} applies to unknown entity type {t}");
                }
            }

            foreach (var parent in a.MemberOf)
            {
                if (!Actions.ContainsKey(parent))
                {
                    throw new SchemaException($"action {a.Uid} is declared in unknown action {parent}");
                }
            }
        }

        return new CedarSchema(EntityTypes, Actions);
    }

    /// <summary>Resolves an entity type reference written in namespace <paramref name="ns"/>.</summary>
    public string ResolveEntityName(string name, string ns)
    {
        var qualified = Qualify(ns, name);
        if (EntityTypes.ContainsKey(qualified))
        {
            return qualified;
        }

        return EntityTypes.ContainsKey(name) ? name : throw new SchemaException($"unknown entity type {name}");
    }

    private SchemaType Resolve(SchemaType t, int depth)
    {
        if (depth > 64)
        {
            throw new SchemaException("type definitions are cyclic or nested too deeply");
        }

        switch (t)
        {
            case SetType s:
                return new SetType(Resolve(s.Element, depth + 1));
            case RecordType r:
                var attrs = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
                foreach (var kv in r.Attributes)
                {
                    attrs[kv.Key] = kv.Value with { Type = Resolve(kv.Value.Type, depth + 1) };
                }

                return new RecordType(attrs, r.Open);
            case EntityRefType e:
                return new EntityRefType(ResolveEntityName(e.Name, string.Empty));
            case NamedType n:
                return Resolve(Lookup(n), depth + 1);
            default:
                return t;
        }
    }

    private SchemaType Lookup(NamedType n)
    {
        var qualified = Qualify(n.Namespace, n.Name);
        if (CommonTypes.TryGetValue(qualified, out var c))
        {
            return c;
        }

        if (EntityTypes.ContainsKey(qualified))
        {
            return new EntityRefType(qualified);
        }

        if (CommonTypes.TryGetValue(n.Name, out c))
        {
            return c;
        }

        if (EntityTypes.ContainsKey(n.Name))
        {
            return new EntityRefType(n.Name);
        }

        var builtin = n.Name.StartsWith("__cedar::", StringComparison.Ordinal) ? n.Name["__cedar::".Length..] : n.Name;
        return Builtins.TryGetValue(builtin, out var b) ? b : throw new SchemaException($"unknown type {n.Name}");
    }
}

using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Schema;

/// <summary>
/// Checks that data (entities, request context) conforms to schema types. Returns the first
/// violation as a message, or null.
/// </summary>
internal static class SchemaConformance
{
    public static string? CheckEntity(Entity e, CedarSchema schema)
    {
        if (schema.Actions.ContainsKey(e.Uid))
        {
            return null;
        }

        var def = schema.GetEntityType(e.Uid.Type);
        if (def is null)
        {
            return $"entity {e.Uid} has a type the schema does not declare";
        }

        if (def.EnumValues is not null && !def.EnumValues.Contains(e.Uid.Id))
        {
            return $"entity {e.Uid} is not one of the enumerated ids of {def.Name}";
        }

        var attrError = CheckRecord(e.Attrs, def.Attributes, schema, $"entity {e.Uid}");
        if (attrError is not null)
        {
            return attrError;
        }

        foreach (var parent in e.Parents)
        {
            if (!def.MemberOf.Contains(parent.Type))
            {
                return $"entity {e.Uid} has parent {parent}, but the schema does not allow {def.Name} in {parent.Type}";
            }
        }

        if (e.Tags is { Count: > 0 })
        {
            if (def.Tags is null)
            {
                return $"entity {e.Uid} has tags, but the schema declares none for {def.Name}";
            }

            foreach (var kv in e.Tags)
            {
                if (!Conforms(kv.Value, def.Tags, schema))
                {
                    return $"tag \"{kv.Key}\" of entity {e.Uid} does not have type {Describe(def.Tags)}";
                }
            }
        }

        return null;
    }

    public static string? CheckRequest(EntityUid principal, EntityUid action, EntityUid resource, RecordValue context, CedarSchema schema)
    {
        var def = schema.GetAction(action);
        if (def is null)
        {
            return $"action {action} is not declared in the schema";
        }

        if (def.PrincipalTypes is null || !def.PrincipalTypes.Contains(principal.Type) || !IsValidUid(principal, schema))
        {
            return $"principal {principal} is not valid for action {action}";
        }

        if (def.ResourceTypes is null || !def.ResourceTypes.Contains(resource.Type) || !IsValidUid(resource, schema))
        {
            return $"resource {resource} is not valid for action {action}";
        }

        return CheckRecord(context.Attrs, (RecordType)def.Context, schema, "context");
    }

    private static string? CheckRecord(Dictionary<string, Value> attrs, RecordType type, CedarSchema schema, string what)
    {
        foreach (var kv in type.Attributes)
        {
            if (kv.Value.Required && !attrs.ContainsKey(kv.Key))
            {
                return $"{what} is missing required attribute \"{kv.Key}\"";
            }
        }

        foreach (var kv in attrs)
        {
            if (!type.Attributes.TryGetValue(kv.Key, out var attrType))
            {
                if (type.Open)
                {
                    continue;
                }

                return $"{what} has attribute \"{kv.Key}\" that the schema does not declare";
            }

            if (!Conforms(kv.Value, attrType.Type, schema))
            {
                return $"attribute \"{kv.Key}\" of {what} does not have type {Describe(attrType.Type)}";
            }
        }

        return null;
    }

    private static bool Conforms(Value v, SchemaType t, CedarSchema schema) => (v, t) switch
    {
        (BoolValue, PrimitiveType { Kind: PrimitiveKind.Bool }) => true,
        (LongValue, PrimitiveType { Kind: PrimitiveKind.Long }) => true,
        (StringValue, PrimitiveType { Kind: PrimitiveKind.String }) => true,
        (SetValue s, SetType st) => s.Items.All(item => Conforms(item, st.Element, schema)),
        (RecordValue r, RecordType rt) => CheckRecord(r.Attrs, rt, schema, "record") is null,
        (EntityValue e, EntityRefType et) => e.Uid.Type == et.Name && IsValidUid(e.Uid, schema),
        (DecimalValue, ExtensionType { Name: "decimal" }) => true,
        (IpValue, ExtensionType { Name: "ipaddr" }) => true,
        (DatetimeValue, ExtensionType { Name: "datetime" }) => true,
        (DurationValue, ExtensionType { Name: "duration" }) => true,
        _ => false,
    };

    private static bool IsValidUid(EntityUid uid, CedarSchema schema)
    {
        var def = schema.GetEntityType(uid.Type);
        return def?.EnumValues is null || def.EnumValues.Contains(uid.Id);
    }

    private static string Describe(SchemaType t) => t switch
    {
        PrimitiveType p => p.Kind.ToString(),
        SetType s => "Set<" + Describe(s.Element) + ">",
        EntityRefType e => e.Name,
        ExtensionType x => x.Name,
        _ => "record",
    };
}

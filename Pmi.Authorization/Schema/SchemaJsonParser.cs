using System.Text.Json;
using Pmi.Authorization.Model;

namespace Pmi.Authorization.Schema;

/// <summary>Reader for the JSON schema format: namespaces mapping to entityTypes, actions and commonTypes.</summary>
internal static class SchemaJsonParser
{
    private const int MaxDepth = 64;

    public static SchemaBuilder Parse(string json)
    {
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth * 2 });
        var builder = new SchemaBuilder();
        var fixups = new List<Action>();
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new SchemaException("schema must be a JSON object");
        }

        foreach (var nsProp in doc.RootElement.EnumerateObject())
        {
            ParseNamespace(nsProp.Name, nsProp.Value, builder, fixups);
        }

        fixups.ForEach(f => f());
        return builder;
    }

    private static void ParseNamespace(string ns, JsonElement body, SchemaBuilder builder, List<Action> fixups)
    {
        if (body.TryGetProperty("commonTypes", out var common))
        {
            foreach (var c in common.EnumerateObject())
            {
                builder.AddCommonType(SchemaBuilder.Qualify(ns, c.Name), ParseType(c.Value, ns, 0));
            }
        }

        if (body.TryGetProperty("entityTypes", out var entities))
        {
            foreach (var e in entities.EnumerateObject())
            {
                var def = new EntityTypeDef(SchemaBuilder.Qualify(ns, e.Name));
                if (e.Value.TryGetProperty("shape", out var shape))
                {
                    def.Attributes = ParseType(shape, ns, 0) as RecordType ?? throw new SchemaException($"shape of {def.Name} must be a record");
                }

                if (e.Value.TryGetProperty("tags", out var tags))
                {
                    def.Tags = ParseType(tags, ns, 0);
                }

                if (e.Value.TryGetProperty("enum", out var en))
                {
                    def.EnumValues = [.. en.EnumerateArray().Select(v => v.GetString() ?? string.Empty)];
                }

                if (e.Value.TryGetProperty("memberOfTypes", out var parents))
                {
                    var names = parents.EnumerateArray().Select(p => p.GetString() ?? string.Empty).ToList();
                    fixups.Add(() => def.MemberOf.AddRange(names.Select(n => builder.ResolveEntityName(n, ns))));
                }

                builder.AddEntityType(def);
            }
        }

        if (body.TryGetProperty("actions", out var actions))
        {
            var actionType = SchemaBuilder.Qualify(ns, "Action");
            foreach (var a in actions.EnumerateObject())
            {
                var def = new ActionDef(new EntityUid(actionType, a.Name));
                if (a.Value.TryGetProperty("memberOf", out var memberOf) && memberOf.ValueKind == JsonValueKind.Array)
                {
                    foreach (var m in memberOf.EnumerateArray())
                    {
                        var type = m.TryGetProperty("type", out var t) ? t.GetString()! : actionType;
                        def.MemberOf.Add(new EntityUid(type, m.GetProperty("id").GetString()!));
                    }
                }

                if (a.Value.TryGetProperty("appliesTo", out var applies) && applies.ValueKind == JsonValueKind.Object)
                {
                    var p = Names(applies, "principalTypes");
                    var r = Names(applies, "resourceTypes");
                    var ctx = applies.TryGetProperty("context", out var c) ? ParseType(c, ns, 0) : RecordType.Empty;
                    fixups.Add(() =>
                    {
                        def.PrincipalTypes = [.. p.Select(n => builder.ResolveEntityName(n, ns))];
                        def.ResourceTypes = [.. r.Select(n => builder.ResolveEntityName(n, ns))];
                        def.Context = ctx;
                    });
                }

                builder.AddAction(def);
            }
        }
    }

    private static List<string> Names(JsonElement e, string prop) =>
        e.TryGetProperty(prop, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? [.. arr.EnumerateArray().Select(x => x.GetString() ?? string.Empty)]
            : [];

    private static SchemaType ParseType(JsonElement e, string ns, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new SchemaException("type nested too deeply");
        }

        var type = e.TryGetProperty("type", out var t) ? t.GetString() : null;
        switch (type)
        {
            case "Long": return PrimitiveType.Long;
            case "String": return PrimitiveType.String;
            case "Boolean": return PrimitiveType.Bool;
            case "Set": return new SetType(ParseType(e.GetProperty("element"), ns, depth + 1));
            case "Entity": return new NamedType(e.GetProperty("name").GetString()!, ns);
            case "Extension": return new ExtensionType(e.GetProperty("name").GetString()!);
            case "EntityOrCommon": return new NamedType(e.GetProperty("name").GetString()!, ns);
            case "Record":
                var attrs = new Dictionary<string, AttributeType>(StringComparer.Ordinal);
                if (e.TryGetProperty("attributes", out var a))
                {
                    foreach (var p in a.EnumerateObject())
                    {
                        var required = !p.Value.TryGetProperty("required", out var req) || req.ValueKind != JsonValueKind.False;
                        attrs[p.Name] = new AttributeType(ParseType(p.Value, ns, depth + 1), required);
                    }
                }

                var open = e.TryGetProperty("additionalAttributes", out var add) && add.ValueKind == JsonValueKind.True;
                return new RecordType(attrs, open);
            case null:
                throw new SchemaException("type needs a \"type\" field");
            default:
                return new NamedType(type, ns);
        }
    }
}

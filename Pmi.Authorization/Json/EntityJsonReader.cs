using System.Text.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Json;

/// <summary>Reads the Cedar entities JSON format: an array of <c>{uid, attrs, parents, tags}</c>.</summary>
internal static class EntityJsonReader
{
    public static Entities Read(JsonElement root, CedarSchema? schema)
    {
        if (root.ValueKind != JsonValueKind.Array)
        {
            throw new JsonFormatException("entities must be a JSON array");
        }

        var map = new Dictionary<EntityUid, Entity>();
        foreach (var item in root.EnumerateArray())
        {
            var entity = ReadEntity(item, schema);
            var violation = schema is null ? null : SchemaConformance.CheckEntity(entity, schema);
            if (violation is not null)
            {
                throw new JsonFormatException(violation);
            }

            if (!map.TryAdd(entity.Uid, entity))
            {
                throw new JsonFormatException($"duplicate entity {entity.Uid}");
            }
        }

        if (schema is not null)
        {
            AddSchemaActions(map, schema);
        }

        return new Entities(map);
    }

    public static Entity ReadEntity(JsonElement item, CedarSchema? schema)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("uid", out var uidEl))
        {
            throw new JsonFormatException("entity needs a \"uid\"");
        }

        var uid = JsonValueReader.ReadUid(uidEl);
        var typeDef = schema?.GetEntityType(uid.Type);
        var attrs = new Dictionary<string, Value>(StringComparer.Ordinal);
        if (item.TryGetProperty("attrs", out var attrsEl) && attrsEl.ValueKind != JsonValueKind.Null)
        {
            if (JsonValueReader.Read(attrsEl, typeDef?.Attributes, schema, 0) is not RecordValue r)
            {
                throw new JsonFormatException($"attrs of {uid} must be an object");
            }

            attrs = r.Attrs;
        }

        var parents = new HashSet<EntityUid>();
        if (item.TryGetProperty("parents", out var parentsEl) && parentsEl.ValueKind == JsonValueKind.Array)
        {
            foreach (var p in parentsEl.EnumerateArray())
            {
                parents.Add(JsonValueReader.ReadUid(p));
            }
        }

        Dictionary<string, Value>? tags = null;
        if (item.TryGetProperty("tags", out var tagsEl) && tagsEl.ValueKind == JsonValueKind.Object)
        {
            tags = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var t in tagsEl.EnumerateObject())
            {
                tags[t.Name] = JsonValueReader.Read(t.Value, typeDef?.Tags, schema, 1);
            }
        }

        return new Entity(uid, attrs, parents, tags);
    }

    // Action entities and their hierarchy come from the schema, as Cedar does when a schema is given.
    public static void AddSchemaActions(Dictionary<EntityUid, Entity> map, CedarSchema schema)
    {
        foreach (var action in schema.Actions.Values)
        {
            if (map.TryGetValue(action.Uid, out var existing))
            {
                existing.Parents.UnionWith(action.MemberOf);
            }
            else
            {
                map[action.Uid] = new Entity(action.Uid, new Dictionary<string, Value>(StringComparer.Ordinal), [.. action.MemberOf], null);
            }
        }
    }
}

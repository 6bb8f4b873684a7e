using System.Text.Json;
using Pmi.Authorization.Json;
using Pmi.Authorization.Schema;

namespace Pmi.Authorization.Model;

/// <summary>
/// An immutable set of entities with their hierarchy closed transitively, so that <c>in</c> is a
/// single set lookup at evaluation time.
/// </summary>
public sealed class Entities
{
    internal Entities(Dictionary<EntityUid, Entity> map)
    {
        Map = map;
        ComputeAncestors();
    }

    /// <summary>An empty entity set.</summary>
    public static Entities Empty { get; } = new(new Dictionary<EntityUid, Entity>());

    /// <summary>Number of entities.</summary>
    public int Count => Map.Count;

    internal Dictionary<EntityUid, Entity> Map { get; }

    /// <summary>
    /// Reads entities in Cedar's JSON format. With a schema, attribute values are interpreted by their
    /// declared types (e.g. a string where an <c>ipaddr</c> is expected) and the schema's action
    /// entities are added.
    /// </summary>
    public static EntitiesResult FromJson(string json, CedarSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = JsonValueReader.MaxDepth });
            return EntitiesResult.Ok(EntityJsonReader.Read(doc.RootElement, schema));
        }
        catch (JsonException ex)
        {
            return EntitiesResult.Fail("invalid JSON: " + ex.Message);
        }
        catch (ArgumentException ex)
        {
            // Raised for strings that are not valid UTF-16, e.g. a lone surrogate.
            return EntitiesResult.Fail("invalid JSON text: " + ex.Message);
        }
        catch (JsonFormatException ex)
        {
            return EntitiesResult.Fail(ex.Message);
        }
    }

    /// <summary>The action entities a schema declares, with their groups.</summary>
    internal static Entities FromSchemaActions(CedarSchema schema)
    {
        var map = new Dictionary<EntityUid, Entity>();
        EntityJsonReader.AddSchemaActions(map, schema);
        return new Entities(map);
    }

    /// <summary>
    /// This set plus <paramref name="additional"/> entities, none of which may already be here. The
    /// entities of this set are copied, not shared, because the new hierarchy may give them new
    /// ancestors and this set may be in use by other threads.
    /// </summary>
    internal Entities With(IReadOnlyCollection<Entity> additional)
    {
        if (additional.Count == 0)
        {
            return this;
        }

        var map = new Dictionary<EntityUid, Entity>(Map.Count + additional.Count);
        foreach (var (uid, e) in Map)
        {
            map[uid] = new Entity(uid, e.Attrs, e.Parents, e.Tags);
        }

        foreach (var e in additional)
        {
            map.Add(e.Uid, e);
        }

        return new Entities(map);
    }

    /// <summary>Whether an entity with this uid is present.</summary>
    public bool Contains(EntityUid uid) => Map.ContainsKey(uid);

    internal bool IsDescendantOf(EntityUid child, EntityUid ancestor) =>
        child == ancestor || (Map.TryGetValue(child, out var e) && e.Ancestors.Contains(ancestor));

    // Each entity's ancestors are the closure of its parents; an ancestor whose closure is already
    // known contributes it in one step. The visited set also makes cycles in bad input harmless.
    private void ComputeAncestors()
    {
        var done = new HashSet<EntityUid>();
        foreach (var e in Map.Values)
        {
            var result = new HashSet<EntityUid>();
            var stack = new Stack<EntityUid>(e.Parents);
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                if (!result.Add(p) || !Map.TryGetValue(p, out var pe))
                {
                    continue;
                }

                if (done.Contains(p))
                {
                    result.UnionWith(pe.Ancestors);
                    continue;
                }

                foreach (var gp in pe.Parents)
                {
                    stack.Push(gp);
                }
            }

            e.Ancestors = result;
            done.Add(e.Uid);
        }
    }
}

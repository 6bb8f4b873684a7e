using System.Text.Json;
using Pmi.Authorization.Model;
using Pmi.Authorization.Policies;

namespace Pmi.Authorization.Json;

/// <summary>
/// Reads Cedar's JSON policy format: a policy set <c>{"staticPolicies", "templates",
/// "templateLinks"}</c> whose policies have <c>effect</c>, <c>principal</c>, <c>action</c>,
/// <c>resource</c>, <c>conditions</c> and <c>annotations</c>.
/// </summary>
internal static partial class PolicyJsonReader
{
    public static List<Policy> ReadPolicySet(JsonElement root)
    {
        Require(root.ValueKind == JsonValueKind.Object, "policy set must be a JSON object");
        var result = new List<Policy>();
        var byId = new Dictionary<string, Policy>(StringComparer.Ordinal);
        foreach (var section in new[] { "staticPolicies", "templates" })
        {
            if (!root.TryGetProperty(section, out var policies))
            {
                continue;
            }

            Require(policies.ValueKind == JsonValueKind.Object, $"\"{section}\" must map ids to policies");
            foreach (var p in policies.EnumerateObject())
            {
                var policy = ReadPolicy(p.Value, p.Name);
                Require(section == "templates" || !policy.IsTemplate, $"static policy \"{p.Name}\" has template slots");
                Require(byId.TryAdd(policy.Id, policy), $"duplicate policy id \"{policy.Id}\"");
                result.Add(policy);
            }
        }

        if (root.TryGetProperty("templateLinks", out var links))
        {
            Require(links.ValueKind == JsonValueKind.Array, "\"templateLinks\" must be an array");
            foreach (var link in links.EnumerateArray())
            {
                var templateId = String(link, "templateId");
                var newId = String(link, "newId");
                Require(byId.TryGetValue(templateId, out var template) && template.IsTemplate, $"no template with id \"{templateId}\"");
                EntityUid? principal = null;
                EntityUid? resource = null;
                if (link.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Object)
                {
                    principal = values.TryGetProperty("?principal", out var pv) ? JsonValueReader.ReadUid(pv) : null;
                    resource = values.TryGetProperty("?resource", out var rv) ? JsonValueReader.ReadUid(rv) : null;
                }

                Require(template!.Principal.IsSlot == principal.HasValue && template.Resource.IsSlot == resource.HasValue, $"link \"{newId}\" does not fill exactly the template's slots");
                var linked = template.Link(newId, principal, resource);
                Require(byId.TryAdd(newId, linked), $"duplicate policy id \"{newId}\"");
                result.Add(linked);
            }
        }

        return result;
    }

    public static Policy ReadPolicy(JsonElement e, string id)
    {
        Require(e.ValueKind == JsonValueKind.Object, "policy must be a JSON object");
        var effect = String(e, "effect") switch
        {
            "permit" => Effect.Permit,
            "forbid" => Effect.Forbid,
            var other => throw new JsonFormatException($"unknown effect \"{other}\""),
        };
        var annotations = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("annotations", out var ann) && ann.ValueKind == JsonValueKind.Object)
        {
            foreach (var a in ann.EnumerateObject())
            {
                annotations[a.Name] = a.Value.ValueKind == JsonValueKind.Null ? string.Empty : a.Value.GetString() ?? string.Empty;
            }
        }

        var conditions = new List<Condition>();
        if (e.TryGetProperty("conditions", out var conds))
        {
            Require(conds.ValueKind == JsonValueKind.Array, "\"conditions\" must be an array");
            foreach (var c in conds.EnumerateArray())
            {
                var kind = String(c, "kind");
                Require(kind is "when" or "unless", $"unknown condition kind \"{kind}\"");
                conditions.Add(new Condition(kind == "when", ReadExpr(Property(c, "body"), 0)));
            }
        }

        return new Policy(
            id,
            effect,
            annotations,
            ReadScope(Property(e, "principal"), "?principal"),
            ReadActionScope(Property(e, "action")),
            ReadScope(Property(e, "resource"), "?resource"),
            conditions,
            null);
    }

    private static ScopeConstraint ReadScope(JsonElement e, string slotName)
    {
        var op = String(e, "op");
        switch (op)
        {
            case "All":
                return ScopeConstraint.Any;
            case "==" or "in":
                return Target(e, op == "==" ? ScopeKind.Eq : ScopeKind.In, null, slotName);
            case "is":
                var type = String(e, "entity_type");
                return e.TryGetProperty("in", out var inner) ? Target(inner, ScopeKind.IsIn, type, slotName) : new ScopeConstraint(ScopeKind.Is, null, type, false);
            default:
                throw new JsonFormatException($"unknown scope operator \"{op}\"");
        }
    }

    private static ScopeConstraint Target(JsonElement e, ScopeKind kind, string? type, string slotName)
    {
        if (e.TryGetProperty("slot", out var slot))
        {
            Require(slot.GetString() == slotName, $"expected slot {slotName}");
            return new ScopeConstraint(kind, null, type, true);
        }

        return new ScopeConstraint(kind, JsonValueReader.ReadUid(Property(e, "entity")), type, false);
    }

    private static ActionConstraint ReadActionScope(JsonElement e)
    {
        var op = String(e, "op");
        switch (op)
        {
            case "All":
                return ActionConstraint.Any;
            case "==":
                return new ActionConstraint(ScopeKind.Eq, [JsonValueReader.ReadUid(Property(e, "entity"))]);
            case "in" when e.TryGetProperty("entities", out var list):
                Require(list.ValueKind == JsonValueKind.Array, "\"entities\" must be an array");
                return new ActionConstraint(ScopeKind.In, [.. list.EnumerateArray().Select(JsonValueReader.ReadUid)], IsList: true);
            case "in":
                return new ActionConstraint(ScopeKind.In, [JsonValueReader.ReadUid(Property(e, "entity"))]);
            default:
                throw new JsonFormatException($"unknown action scope operator \"{op}\"");
        }
    }

    private static JsonElement Property(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) ? p : throw new JsonFormatException($"missing \"{name}\"");

    private static string String(JsonElement e, string name)
    {
        var p = Property(e, name);
        return p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new JsonFormatException($"\"{name}\" must be a string");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new JsonFormatException(message);
        }
    }
}

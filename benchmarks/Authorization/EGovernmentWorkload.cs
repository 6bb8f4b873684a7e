using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pmi.Authorization.Benchmarks;

/// <summary>
/// A generated e-government workload: 1,000 policies over 10,000 entities — a department tree and a
/// role hierarchy, each five levels deep, 8,000 staff and 948 cases — and 1,000 requests.
/// Seeded, so every run and both engines see the same data.
/// </summary>
internal static class EGovernmentWorkload
{
    private static readonly string[] Actions = ["view", "list", "edit", "approve", "sign", "archive"];

    public static Workload Generate(int seed = 20261126)
    {
        var random = new Random(seed);
        var entities = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var parents = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string type, string id, JsonObject attrs, params string[] parentKeys)
        {
            var key = type + "::" + id;
            var parentArray = new JsonArray();
            foreach (var p in parentKeys)
            {
                var at = p.IndexOf("::", StringComparison.Ordinal);
                parentArray.Add(Uid(p[..at], p[(at + 2)..]));
            }

            entities[key] = new JsonObject { ["uid"] = Uid(type, id), ["attrs"] = attrs, ["parents"] = parentArray };
            parents[key] = [.. parentKeys];
        }

        // Departments: city → 8 bureaus → 4 divisions each → 4 offices each → 4 units each (681, five levels).
        var departmentLevels = new List<List<string>> { new() { "city" } };
        Add("Department", "city", new JsonObject());
        int[] fanOut = [8, 4, 4, 4];
        for (var level = 1; level <= 4; level++)
        {
            var current = new List<string>();
            foreach (var parent in departmentLevels[level - 1])
            {
                for (var i = 0; i < fanOut[level - 1]; i++)
                {
                    var id = $"{parent}.{i}";
                    Add("Department", id, new JsonObject(), "Department::" + parent);
                    current.Add(id);
                }
            }

            departmentLevels.Add(current);
        }

        // Roles: 3 → 9 → 27 → 81 → 243 (363, five levels); a member of a role is in every role above it.
        var roleLevels = new List<List<string>> { new() { "r0.0", "r0.1", "r0.2" } };
        foreach (var r in roleLevels[0])
        {
            Add("Role", r, new JsonObject());
        }

        for (var level = 1; level <= 4; level++)
        {
            var current = new List<string>();
            foreach (var parent in roleLevels[level - 1])
            {
                for (var i = 0; i < 3; i++)
                {
                    var id = $"r{level}.{current.Count}";
                    Add("Role", id, new JsonObject(), "Role::" + parent);
                    current.Add(id);
                }
            }

            roleLevels.Add(current);
        }

        Add("Action", "read", new JsonObject());
        Add("Action", "write", new JsonObject());
        foreach (var action in Actions)
        {
            Add("Action", action, new JsonObject(), action is "view" or "list" ? ["Action::read"] : action is "edit" or "archive" ? ["Action::write"] : []);
        }

        var units = departmentLevels[4];
        for (var u = 0; u < 8000; u++)
        {
            var unit = Pick(random, units);
            var role = Pick(random, roleLevels[random.Next(2, 5)]);
            Add("User", "u" + u, new JsonObject
            {
                ["clearance"] = random.Next(6),
                ["department"] = Ref("Department", unit),
                ["mfaEnrolled"] = random.Next(4) != 0,
            }, "Role::" + role, "Department::" + unit);
        }

        string[] statuses = ["open", "review", "approved", "archived"];
        for (var c = 0; c < 948; c++)
        {
            var unit = Pick(random, units);
            Add("Case", "c" + c, new JsonObject
            {
                ["classification"] = random.Next(6),
                ["owner"] = Ref("User", "u" + random.Next(8000)),
                ["department"] = Ref("Department", unit),
                ["status"] = Pick(random, statuses),
            }, "Department::" + unit);
        }

        var policies = Policies(random, departmentLevels, roleLevels);
        var all = new JsonArray([.. entities.Values.Select(e => (JsonNode)e.DeepClone())]);
        var requests = new List<WorkloadRequest>();
        for (var i = 0; i < 1000; i++)
        {
            var user = "User::u" + random.Next(8000);
            var item = "Case::c" + random.Next(948);
            var action = Pick(random, Actions);
            var slice = Slice([user, item, "Action::" + action], entities, parents);
            requests.Add(new WorkloadRequest(0, 0, Uid("User", user[6..]), Uid("Action", action), Uid("Case", item[6..]),
                new JsonObject { ["mfa"] = random.Next(3) != 0, ["hour"] = random.Next(24) }, slice));
        }

        return new Workload("e-government (1,000 policies, 10,000 entities)", [new WorkloadPolicySet("egov", policies, null)], [all], requests);
    }

    private static string Policies(Random random, List<List<string>> departments, List<List<string>> roles)
    {
        var text = new StringBuilder();
        string Role(int minLevel, int maxLevel) => Pick(random, roles[random.Next(minLevel, maxLevel + 1)]);
        string Department() => Pick(random, departments[random.Next(1, 4)]);
        for (var i = 0; i < 500; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"permit(principal in Role::\"{Role(0, 3)}\", action in Action::\"read\", resource in Department::\"{Department()}\") when {{ principal.clearance >= resource.classification }};\n");
        }

        for (var i = 0; i < 250; i++)
        {
            var action = Pick(random, ["edit", "approve", "sign"]);
            text.Append(CultureInfo.InvariantCulture, $"permit(principal in Role::\"{Role(1, 4)}\", action == Action::\"{action}\", resource in Department::\"{Department()}\") when {{ context.mfa && resource.department == principal.department }};\n");
        }

        for (var i = 0; i < 150; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"forbid(principal, action in Action::\"write\", resource in Department::\"{Department()}\") when {{ resource.status == \"archived\" }};\n");
        }

        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"forbid(principal in Role::\"{Role(3, 4)}\", action, resource) unless {{ context.hour >= 7 && context.hour <= 19 }};\n");
        }

        for (var i = 0; i < 50; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"permit(principal == User::\"u{random.Next(8000)}\", action, resource == Case::\"c{random.Next(948)}\");\n");
        }

        return text.ToString();
    }

    /// <summary>The named entities with all their ancestors, and every action: what a caller sends with the request.</summary>
    private static JsonArray Slice(string[] keys, Dictionary<string, JsonObject> entities, Dictionary<string, List<string>> parents)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(keys.Concat(entities.Keys.Where(k => k.StartsWith("Action::", StringComparison.Ordinal))));
        while (stack.Count > 0)
        {
            var key = stack.Pop();
            if (seen.Add(key) && parents.TryGetValue(key, out var ps))
            {
                foreach (var p in ps)
                {
                    stack.Push(p);
                }
            }
        }

        return new JsonArray([.. seen.Where(entities.ContainsKey).Select(k => (JsonNode)entities[k].DeepClone())]);
    }

    private static JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };

    private static JsonObject Ref(string type, string id) => new() { ["__entity"] = Uid(type, id) };

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Pmi.Authorization.Tests.Differential;

/// <summary>
/// Seeded random Cedar cases: a small organisation (users in nested groups, documents, actions in
/// action groups), policies over its attributes that often error (missing attributes, type mismatches,
/// overflow), and requests against it. No schema, so nothing filters out the erroring expressions.
/// </summary>
internal sealed class CaseGenerator(int seed)
{
    private static readonly string[] Actions = ["view", "edit", "delete", "approve"];
    private static readonly string[] Words = ["tax", "health", "a", "ab", "abc", "secret", "public", ""];
    private readonly Random random = new(seed);

    public JsonObject Case()
    {
        var policies = new StringBuilder();
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            policies.AppendLine(Policy());
        }

        var requests = new JsonArray();
        for (var i = 0; i < 4; i++)
        {
            requests.Add(Request());
        }

        return new JsonObject { ["policies"] = policies.ToString(), ["entities"] = Entities(), ["requests"] = requests };
    }

    private string Policy()
    {
        var effect = random.Next(4) == 0 ? "forbid" : "permit";
        var text = new StringBuilder($"{effect}({PrincipalScope()}, {ActionScope()}, {ResourceScope()})");
        var clauses = random.Next(3);
        for (var i = 0; i < clauses; i++)
        {
            text.Append(random.Next(4) == 0 ? " unless { " : " when { ").Append(Bool(3)).Append(" }");
        }

        return text.Append(';').ToString();
    }

    private string PrincipalScope() => random.Next(6) switch
    {
        0 => $"principal == User::\"u{random.Next(6)}\"",
        1 => $"principal in Group::\"g{random.Next(4)}\"",
        2 => "principal is User",
        3 => $"principal is User in Group::\"g{random.Next(4)}\"",
        _ => "principal",
    };

    private string ActionScope() => random.Next(5) switch
    {
        0 => $"action == Action::\"{Pick(Actions)}\"",
        1 => $"action in [Action::\"{Pick(Actions)}\", Action::\"{Pick(Actions)}\"]",
        2 => "action in Action::\"readOnly\"",
        _ => "action",
    };

    private string ResourceScope() => random.Next(5) switch
    {
        0 => $"resource == Doc::\"d{random.Next(5)}\"",
        1 => $"resource in Folder::\"f{random.Next(2)}\"",
        2 => "resource is Doc",
        _ => "resource",
    };

    private string Bool(int depth)
    {
        if (depth > 0)
        {
            switch (random.Next(10))
            {
                case 0: return $"({Bool(depth - 1)} && {Bool(depth - 1)})";
                case 1: return $"({Bool(depth - 1)} || {Bool(depth - 1)})";
                case 2: return $"!({Bool(depth - 1)})";
                case 3: return $"(if {Bool(depth - 1)} then {Bool(depth - 1)} else {Bool(depth - 1)})";
            }
        }

        return random.Next(24) switch
        {
            0 => $"principal.level > {Long()}",
            1 => $"resource.classification <= principal.level",
            2 => $"principal in Group::\"g{random.Next(4)}\"",
            3 => "resource.owner == principal",
            4 => "principal has age",
            5 => $"resource.labels.contains(\"{Pick(Words)}\")",
            6 => $"principal.tags.containsAny([\"{Pick(Words)}\", \"{Pick(Words)}\"])",
            7 => $"principal.name like \"{Pick(["a*", "*b*", "ab", "*", "\\*"])}\"",
            8 => "context.flag",
            9 => $"context.n + {Long()} < {Long()}",
            10 => $"principal.ip.isInRange(ip(\"{Pick(["10.0.0.0/8", "192.168.1.0/24", "::1/128"])}\"))",
            11 => $"principal.score.lessThan(decimal(\"{Pick(["1.5", "-0.25", "922337203685477.5807"])}\"))",
            12 => $"principal.profile.a == {Long()}",
            13 => $"principal[\"age\"] >= {Long()}",
            14 => $"[1, 2, {Long()}].contains(principal.level)",
            15 => "principal.missing == 1",
            16 => $"principal.age * {Long()} > {Long()}",
            17 => "-principal.level < 0",
            18 => $"context.rec.x == \"{Pick(["s", "t"])}\"",
            19 => "principal.dept == resource.dept",
            20 => $"resource.owner in Group::\"g{random.Next(4)}\"",
            21 => "resource has owner && resource.owner.level > 2",
            22 => $"principal.tags.containsAll(resource.labels)",
            _ => $"action in Action::\"readOnly\"",
        };
    }

    private string Long() => random.Next(8) switch
    {
        0 => "9223372036854775807",
        1 => "-9223372036854775808",
        2 => (-random.Next(5)).ToString(CultureInfo.InvariantCulture),
        _ => random.Next(10).ToString(CultureInfo.InvariantCulture),
    };

    private JsonArray Entities()
    {
        var entities = new JsonArray();
        for (var g = 0; g < 4; g++)
        {
            // Groups nest only into higher-numbered groups, so the hierarchy is acyclic.
            var parents = new JsonArray();
            for (var p = g + 1; p < 4; p++)
            {
                if (random.Next(3) == 0)
                {
                    parents.Add(Uid("Group", "g" + p));
                }
            }

            entities.Add(Entity("Group", "g" + g, new JsonObject(), parents));
        }

        for (var u = 0; u < 6; u++)
        {
            var attrs = new JsonObject();
            Maybe(attrs, "level", () => random.Next(6));
            Maybe(attrs, "age", () => random.Next(15, 70));
            Maybe(attrs, "name", () => Pick(Words));
            Maybe(attrs, "tags", () => new JsonArray(Pick(Words), Pick(Words)));
            Maybe(attrs, "ip", () => Extension("ip", Pick(["10.1.2.3", "192.168.1.7", "::1", "8.8.8.8"])));
            Maybe(attrs, "score", () => Extension("decimal", Pick(["0.5", "2.0", "-1.0"])));
            Maybe(attrs, "profile", () => new JsonObject { ["a"] = random.Next(3), ["b"] = random.Next(2) == 0 });
            Maybe(attrs, "dept", () => random.Next(2) == 0 ? Pick(Words) : new JsonObject { ["__entity"] = Uid("Group", "g" + random.Next(4)) });
            entities.Add(Entity("User", "u" + u, attrs, Parents("Group", 4)));
        }

        for (var d = 0; d < 5; d++)
        {
            var attrs = new JsonObject();
            Maybe(attrs, "owner", () => new JsonObject { ["__entity"] = Uid("User", "u" + random.Next(7)) });
            Maybe(attrs, "classification", () => random.Next(6));
            Maybe(attrs, "labels", () => new JsonArray(Pick(Words)));
            Maybe(attrs, "dept", () => Pick(Words));
            entities.Add(Entity("Doc", "d" + d, attrs, Parents("Folder", 2)));
        }

        entities.Add(Entity("Folder", "f0", new JsonObject(), new JsonArray()));
        entities.Add(Entity("Action", "readOnly", new JsonObject(), new JsonArray()));
        foreach (var action in Actions)
        {
            var parents = action == "view" || (action == "approve" && random.Next(2) == 0) ? new JsonArray(Uid("Action", "readOnly")) : new JsonArray();
            entities.Add(Entity("Action", action, new JsonObject(), parents));
        }

        return entities;
    }

    private JsonObject Request() => new()
    {
        // u6 is never defined, so reading its attributes errors.
        ["principal"] = Uid("User", "u" + random.Next(7)),
        ["action"] = Uid("Action", Pick(Actions)),
        ["resource"] = Uid("Doc", "d" + random.Next(5)),
        ["context"] = new JsonObject
        {
            ["flag"] = random.Next(2) == 0,
            // Large, but within what JavaScript's JSON numbers hold exactly (2^53 - 1).
            ["n"] = random.Next(3) == 0 ? 9007199254740991 - random.Next(3) : random.Next(10),
            ["rec"] = new JsonObject { ["x"] = Pick(["s", "t"]) },
        },
    };

    private JsonArray Parents(string type, int count)
    {
        var parents = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            if (random.Next(3) == 0)
            {
                parents.Add(Uid(type, type[0].ToString().ToLowerInvariant() + i));
            }
        }

        return parents;
    }

    private void Maybe(JsonObject attrs, string name, Func<JsonNode> value)
    {
        if (random.Next(5) != 0)
        {
            attrs[name] = value();
        }
    }

    private static JsonObject Entity(string type, string id, JsonObject attrs, JsonArray parents) =>
        new() { ["uid"] = Uid(type, id), ["attrs"] = attrs, ["parents"] = parents };

    private static JsonObject Uid(string type, string id) => new() { ["type"] = type, ["id"] = id };

    private static JsonObject Extension(string fn, string arg) => new() { ["__extn"] = new JsonObject { ["fn"] = fn, ["arg"] = arg } };

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];
}

using System.Text.Json;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Json;

internal static partial class PolicyJsonReader
{
    private const int MaxDepth = 128;

    private static readonly Dictionary<string, BinaryOp> BinaryOps = new(StringComparer.Ordinal)
    {
        ["=="] = BinaryOp.Eq, ["!="] = BinaryOp.NotEq, ["<"] = BinaryOp.Less, ["<="] = BinaryOp.LessEq,
        [">"] = BinaryOp.Greater, [">="] = BinaryOp.GreaterEq, ["+"] = BinaryOp.Add, ["-"] = BinaryOp.Sub,
        ["*"] = BinaryOp.Mul, ["in"] = BinaryOp.In, ["contains"] = BinaryOp.Contains, ["containsAll"] = BinaryOp.ContainsAll,
        ["containsAny"] = BinaryOp.ContainsAny, ["hasTag"] = BinaryOp.HasTag, ["getTag"] = BinaryOp.GetTag,
    };

    private static Expr ReadExpr(JsonElement e, int depth)
    {
        Require(depth <= MaxDepth, $"expression nesting exceeds {MaxDepth} levels");
        Require(e.ValueKind == JsonValueKind.Object, "expression must be a JSON object");
        using var props = e.EnumerateObject();
        Require(props.MoveNext(), "empty expression");
        var node = props.Current;
        Require(!props.MoveNext(), "expression must have exactly one key");
        var body = node.Value;
        var d = depth + 1;
        switch (node.Name)
        {
            case "Value":
                return new LiteralExpr(JsonValueReader.Read(body, null, null, 0));
            case "Var":
                return new VarExpr(body.GetString() switch
                {
                    "principal" => VarKind.Principal,
                    "action" => VarKind.Action,
                    "resource" => VarKind.Resource,
                    "context" => VarKind.Context,
                    var v => throw new JsonFormatException($"unknown variable \"{v}\""),
                });
            case "Slot":
                throw new JsonFormatException("template slots are only allowed in the policy scope");
            case "!" or "neg" or "isEmpty":
                var op = node.Name == "!" ? UnaryOp.Not : node.Name == "neg" ? UnaryOp.Neg : UnaryOp.IsEmpty;
                return new UnaryExpr(op, ReadExpr(Property(body, "arg"), d));
            case "&&":
                return new AndExpr(ReadExpr(Property(body, "left"), d), ReadExpr(Property(body, "right"), d));
            case "||":
                return new OrExpr(ReadExpr(Property(body, "left"), d), ReadExpr(Property(body, "right"), d));
            case var name when BinaryOps.TryGetValue(name, out var binary):
                return new BinaryExpr(binary, ReadExpr(Property(body, "left"), d), ReadExpr(Property(body, "right"), d));
            case ".":
                return new GetAttrExpr(ReadExpr(Property(body, "left"), d), String(body, "attr"));
            case "has":
                return new HasAttrExpr(ReadExpr(Property(body, "left"), d), String(body, "attr"));
            case "like":
                return new LikeExpr(ReadExpr(Property(body, "left"), d), ReadPattern(Property(body, "pattern")));
            case "is":
                var inExpr = body.TryGetProperty("in", out var i) ? ReadExpr(i, d) : null;
                return new IsExpr(ReadExpr(Property(body, "left"), d), String(body, "entity_type"), inExpr);
            case "if-then-else":
                return new IfExpr(ReadExpr(Property(body, "if"), d), ReadExpr(Property(body, "then"), d), ReadExpr(Property(body, "else"), d));
            case "Set":
                Require(body.ValueKind == JsonValueKind.Array, "\"Set\" must be an array");
                return new SetExpr([.. body.EnumerateArray().Select(x => ReadExpr(x, d))]);
            case "Record":
                Require(body.ValueKind == JsonValueKind.Object, "\"Record\" must be an object");
                return new RecordExpr([.. body.EnumerateObject().Select(p => new KeyValuePair<string, Expr>(p.Name, ReadExpr(p.Value, d)))]);
            case var fn when ExtensionFunctions.Constructors.Contains(fn) || ExtensionFunctions.Methods.ContainsKey(fn):
                Require(body.ValueKind == JsonValueKind.Array, $"arguments of \"{fn}\" must be an array");
                return new ExtCallExpr(fn, [.. body.EnumerateArray().Select(x => ReadExpr(x, d))]);
            default:
                throw new JsonFormatException($"unknown expression \"{node.Name}\"");
        }
    }

    private static List<PatternElement> ReadPattern(JsonElement e)
    {
        Require(e.ValueKind == JsonValueKind.Array, "\"pattern\" must be an array");
        var result = new List<PatternElement>();
        foreach (var item in e.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() == "Wildcard")
            {
                result.Add(PatternElement.Wildcard);
            }
            else
            {
                result.Add(PatternElement.Literal(String(item, "Literal")));
            }
        }

        return result;
    }
}

using System.Collections.Immutable;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Validation;

internal sealed partial class TypeChecker
{
    private TypeResult TypeOfBinary(BinaryExpr b, ImmutableHashSet<string> c)
    {
        var t1 = TypeOf(b.Left, c).Type;
        var t2 = TypeOf(b.Right, c).Type;
        switch (b.Op)
        {
            case BinaryOp.Eq:
                return TypeResult.Of(TypeOfEq(t1, t2, b));
            case BinaryOp.NotEq:
                return TypeResult.Of(TypeOfEq(t1, t2, b).Not());
            case BinaryOp.Less or BinaryOp.LessEq or BinaryOp.Greater or BinaryOp.GreaterEq:
                var comparable = (t1, t2) switch
                {
                    (IntType, IntType) => true,
                    (ExtType { Name: "datetime" }, ExtType { Name: "datetime" }) => true,
                    (ExtType { Name: "duration" }, ExtType { Name: "duration" }) => true,
                    _ => false,
                };
                return comparable ? TypeResult.Of(BoolType.Any) : throw Unexpected(t1 is IntType ? t2 : t1, b, "Long, datetime or duration operands of the same type");
            case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul:
                Expect<IntType>(t1, b.Left);
                Expect<IntType>(t2, b.Right);
                return TypeResult.Of(IntType.Instance);
            case BinaryOp.In:
                return TypeResult.Of(TypeOfIn(t1, t2, b));
            case BinaryOp.Contains:
                var s = Expect<SetOfType>(t1, b.Left);
                return TypeOps.Lub(t2, s.Element) is null ? throw Error(b, $"{t2} is not compatible with {s}") : TypeResult.Of(BoolType.Any);
            case BinaryOp.ContainsAll or BinaryOp.ContainsAny:
                var s1 = Expect<SetOfType>(t1, b.Left);
                var s2 = Expect<SetOfType>(t2, b.Right);
                return TypeOps.Lub(s1.Element, s2.Element) is null ? throw Error(b, $"{s1} is not compatible with {s2}") : TypeResult.Of(BoolType.Any);
            case BinaryOp.HasTag:
                Expect<StringType>(t2, b.Right);
                return TypeOfHasTag(Expect<EntityType>(t1, b.Left), b, c);
            default:
                Expect<StringType>(t2, b.Right);
                return TypeOfGetTag(Expect<EntityType>(t1, b.Left), b, c);
        }
    }

    private BoolType TypeOfEq(CedarType t1, CedarType t2, BinaryExpr b)
    {
        var v1 = LiteralOf(b.Left);
        var v2 = LiteralOf(b.Right);
        if (v1 is not null && v2 is not null)
        {
            return v1.Equals(v2) ? BoolType.True : BoolType.False;
        }

        if (TypeOps.Lub(t1, t2) is not null)
        {
            return BoolType.Any;
        }

        return t1 is EntityType && t2 is EntityType ? BoolType.False : throw Error(b, $"cannot compare {t1} with {t2}");
    }

    private Value? LiteralOf(Expr e) => e switch
    {
        LiteralExpr l => l.Value,
        VarExpr { Kind: VarKind.Action } => new EntityValue(env.Action),
        _ => null,
    };

    private BoolType TypeOfIn(CedarType t1, CedarType t2, BinaryExpr b)
    {
        var e1 = Expect<EntityType>(t1, b.Left);
        var uid1 = EntityUidOf(b.Left);
        var action1 = uid1 is { } u && Schema.IsAction(u) ? u : (EntityUid?)null;
        if (t2 is EntityType e2)
        {
            if (action1 is { } a && EntityUidOf(b.Right) is { } target)
            {
                return Schema.ActionDescendantOf(a, target) ? BoolType.True : BoolType.False;
            }

            return Schema.TypeDescendantOf(e1.Name, e2.Name) ? BoolType.Any : BoolType.False;
        }

        if (t2 is SetOfType { Element: EntityType se })
        {
            if (action1 is { } a && b.Right is SetExpr set && set.Items.All(i => EntityUidOf(i) is not null))
            {
                return set.Items.Any(i => Schema.ActionDescendantOf(a, EntityUidOf(i)!.Value)) ? BoolType.True : BoolType.False;
            }

            return Schema.TypeDescendantOf(e1.Name, se.Name) ? BoolType.Any : BoolType.False;
        }

        throw Unexpected(t2, b.Right, "an entity or a set of entities");
    }

    private TypeResult TypeOfHasTag(EntityType t, BinaryExpr b, ImmutableHashSet<string> c)
    {
        if (Schema.EntityTags.TryGetValue(t.Name, out var tags))
        {
            if (tags is null)
            {
                return TypeResult.Of(BoolType.False);
            }

            var key = TagKey(b);
            return c.Contains(key) ? TypeResult.Of(BoolType.True) : new TypeResult(BoolType.Any, TypeResult.None.Add(key));
        }

        return Schema.ActionTypes.Contains(t.Name) ? TypeResult.Of(BoolType.False) : throw Error(b, $"unknown entity type {t.Name}");
    }

    private TypeResult TypeOfGetTag(EntityType t, BinaryExpr b, ImmutableHashSet<string> c)
    {
        if (!Schema.EntityTags.TryGetValue(t.Name, out var tags))
        {
            throw Error(b, $"unknown entity type {t.Name}");
        }

        return tags is not null && c.Contains(TagKey(b)) ? TypeResult.Of(tags) : throw Error(b, $"tag may not exist on {t.Name}; check it with hasTag first");
    }

    private string TagKey(BinaryExpr b) => Key(b.Left) + "\u0001tag\u0001" + Key(b.Right);

    private string AttrKey(Expr target, string attr) => Key(target) + "\u0001attr\u0001" + attr;

    private TypeResult TypeOfHasAttr(HasAttrExpr h, ImmutableHashSet<string> c)
    {
        var t = TypeOf(h.Target, c).Type;
        QualifiedType? q;
        bool knownToExist;
        switch (t)
        {
            case RecordOfType r:
                q = r.Attributes.GetValueOrDefault(h.Attr);
                knownToExist = true;
                break;
            case EntityType e when Schema.EntityAttrs.TryGetValue(e.Name, out var attrs):
                q = attrs.Attributes.GetValueOrDefault(h.Attr);
                knownToExist = false;
                break;
            case EntityType e:
                return Schema.ActionTypes.Contains(e.Name) ? TypeResult.Of(BoolType.False) : throw Error(h, $"unknown entity type {e.Name}");
            default:
                throw Unexpected(t, h.Target, "an entity or record");
        }

        if (q is null)
        {
            return TypeResult.Of(BoolType.False);
        }

        var key = AttrKey(h.Target, h.Attr);
        return c.Contains(key) || (q.Required && knownToExist)
            ? TypeResult.Of(BoolType.True)
            : new TypeResult(BoolType.Any, TypeResult.None.Add(key));
    }

    private TypeResult TypeOfGetAttr(GetAttrExpr g, ImmutableHashSet<string> c)
    {
        var t = TypeOf(g.Target, c).Type;
        var attrs = t switch
        {
            RecordOfType r => r,
            EntityType e => Schema.EntityAttrs.GetValueOrDefault(e.Name) ?? throw Error(g, $"unknown entity type {e.Name}"),
            _ => throw Unexpected(t, g.Target, "an entity or record"),
        };
        if (!attrs.Attributes.TryGetValue(g.Attr, out var q))
        {
            throw Error(g, $"attribute \"{g.Attr}\" not found on {t}");
        }

        return q.Required || c.Contains(AttrKey(g.Target, g.Attr))
            ? TypeResult.Of(q.Type)
            : throw Error(g, $"attribute \"{g.Attr}\" is optional; check it with has first");
    }

    private CedarType TypeOfCall(ExtCallExpr call, ImmutableHashSet<string> c)
    {
        var types = new List<CedarType>(call.Args.Count);
        foreach (var a in call.Args)
        {
            types.Add(TypeOf(a, c).Type);
        }

        if (call.Name is "decimal" or "ip" or "datetime" or "duration")
        {
            if (call.Args.Count != 1 || call.Args[0] is not LiteralExpr { Value: StringValue s })
            {
                throw Error(call, $"{call.Name} needs a single string literal argument");
            }

            Extensions.ExtensionFunctions.Call(call.Name, [new StringValue(s.Value)], out var error);
            if (error is not null)
            {
                throw Error(call, $"invalid {call.Name} literal \"{s.Value}\"");
            }

            return new ExtType(call.Name == "ip" ? "ipaddr" : call.Name);
        }

        string[] expected = call.Name switch
        {
            "lessThan" or "lessThanOrEqual" or "greaterThan" or "greaterThanOrEqual" => ["decimal", "decimal"],
            "isIpv4" or "isIpv6" or "isLoopback" or "isMulticast" => ["ipaddr"],
            "isInRange" => ["ipaddr", "ipaddr"],
            "offset" => ["datetime", "duration"],
            "durationSince" => ["datetime", "datetime"],
            "toDate" or "toTime" => ["datetime"],
            _ => ["duration"],
        };
        if (types.Count != expected.Length || types.Where((t, i) => t is not ExtType x || x.Name != expected[i]).Any())
        {
            throw Error(call, $"wrong argument types for {call.Name}");
        }

        return call.Name switch
        {
            "offset" or "toDate" => new ExtType("datetime"),
            "durationSince" or "toTime" => new ExtType("duration"),
            "toMilliseconds" or "toSeconds" or "toMinutes" or "toHours" or "toDays" => IntType.Instance,
            _ => BoolType.Any,
        };
    }
}

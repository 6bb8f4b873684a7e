using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Pmi.Authorization.Ast;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Validation;

/// <summary>
/// Cedar's strict typechecker for one request environment. Boolean types are refined to true/false
/// where possible; a branch that can never be taken is not checked, as in Cedar.
/// </summary>
internal sealed partial class TypeChecker(TypeEnvironment env)
{
    private SchemaInfo Schema => env.Schema;

    public TypeResult TypeOf(Expr x, ImmutableHashSet<string> c)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (x)
        {
            case LiteralExpr l:
                return TypeResult.Of(TypeOfLiteral(l.Value, x));
            case VarExpr v:
                return TypeResult.Of(v.Kind switch
                {
                    VarKind.Principal => new EntityType(env.Principal),
                    VarKind.Action => new EntityType(env.Action.Type),
                    VarKind.Resource => new EntityType(env.Resource),
                    _ => env.Context,
                });
            case IfExpr f:
                return TypeOfIf(f, c);
            case AndExpr a:
                return TypeOfAnd(a.Left, a.Right, c);
            case OrExpr o:
                return TypeOfOr(o, c);
            case UnaryExpr u:
                return TypeOfUnary(u, c);
            case LikeExpr k:
                Expect<StringType>(TypeOf(k.Target, c).Type, k.Target);
                return TypeResult.Of(BoolType.Any);
            case IsExpr i when i.InExpr is null:
                var target = TypeOf(i.Target, c).Type as EntityType ?? throw Unexpected(TypeOf(i.Target, c).Type, i.Target, "an entity");
                return TypeResult.Of(target.Name == i.EntityType ? BoolType.True : BoolType.False);
            case IsExpr i:
                var isPart = new IsExpr(i.Target, i.EntityType, null) { Line = i.Line, Column = i.Column };
                var inPart = new BinaryExpr(BinaryOp.In, i.Target, i.InExpr!) { Line = i.Line, Column = i.Column };
                return TypeOfAnd(isPart, inPart, c);
            case BinaryExpr b:
                return TypeOfBinary(b, c);
            case HasAttrExpr h:
                return TypeOfHasAttr(h, c);
            case GetAttrExpr g:
                return TypeOfGetAttr(g, c);
            case SetExpr s:
                return TypeOfSet(s, c);
            case RecordExpr r:
                var attrs = new Dictionary<string, QualifiedType>(StringComparer.Ordinal);
                foreach (var kv in r.Fields)
                {
                    attrs[kv.Key] = new QualifiedType(TypeOf(kv.Value, c).Type, true);
                }

                return TypeResult.Of(new RecordOfType(attrs));
            case ExtCallExpr call:
                return TypeResult.Of(TypeOfCall(call, c));
            case SlotExpr:
                return TypeResult.Of(BoolType.Any);
            default:
                throw Error(x, "unsupported expression");
        }
    }

    private CedarType TypeOfLiteral(Value v, Expr at) => v switch
    {
        BoolValue b => b.Value ? BoolType.True : BoolType.False,
        LongValue => IntType.Instance,
        StringValue => StringType.Instance,
        EntityValue e when Schema.IsValidEntityUid(e.Uid) || Schema.IsAction(e.Uid) => new EntityType(e.Uid.Type),
        EntityValue e => throw Error(at, $"unknown entity type or entity {e.Uid}"),
        _ => throw Error(at, "unsupported literal"),
    };

    private TypeResult TypeOfIf(IfExpr f, ImmutableHashSet<string> c)
    {
        var r1 = TypeOf(f.Condition, c);
        var b = r1.Type as BoolType ?? throw Unexpected(r1.Type, f.Condition, "a boolean condition");
        switch (b.Kind)
        {
            case BoolKind.True:
                var t = TypeOf(f.Then, c.Union(r1.Caps));
                return new TypeResult(t.Type, r1.Caps.Union(t.Caps));
            case BoolKind.False:
                return TypeOf(f.Else, c);
            default:
                var r2 = TypeOf(f.Then, c.Union(r1.Caps));
                var r3 = TypeOf(f.Else, c);
                var lub = TypeOps.Lub(r2.Type, r3.Type) ?? throw Error(f, $"branches have incompatible types {r2.Type} and {r3.Type}");
                return new TypeResult(lub, r1.Caps.Union(r2.Caps).Intersect(r3.Caps));
        }
    }

    private TypeResult TypeOfAnd(Expr left, Expr right, ImmutableHashSet<string> c)
    {
        var r1 = TypeOf(left, c);
        var b1 = r1.Type as BoolType ?? throw Unexpected(r1.Type, left, "a boolean operand of &&");
        if (b1.Kind == BoolKind.False)
        {
            return TypeResult.Of(BoolType.False);
        }

        var r2 = TypeOf(right, c.Union(r1.Caps));
        var b2 = r2.Type as BoolType ?? throw Unexpected(r2.Type, right, "a boolean operand of &&");
        return b2.Kind switch
        {
            BoolKind.False => TypeResult.Of(BoolType.False),
            BoolKind.True => new TypeResult(b1, r1.Caps.Union(r2.Caps)),
            _ => new TypeResult(BoolType.Any, r1.Caps.Union(r2.Caps)),
        };
    }

    private TypeResult TypeOfOr(OrExpr o, ImmutableHashSet<string> c)
    {
        var r1 = TypeOf(o.Left, c);
        var b1 = r1.Type as BoolType ?? throw Unexpected(r1.Type, o.Left, "a boolean operand of ||");
        if (b1.Kind == BoolKind.True)
        {
            return TypeResult.Of(BoolType.True);
        }

        var r2 = TypeOf(o.Right, c);
        var b2 = r2.Type as BoolType ?? throw Unexpected(r2.Type, o.Right, "a boolean operand of ||");
        if (b1.Kind == BoolKind.False)
        {
            return new TypeResult(b2, r2.Caps);
        }

        return b2.Kind switch
        {
            BoolKind.True => TypeResult.Of(BoolType.True),
            BoolKind.False => new TypeResult(BoolType.Any, r1.Caps),
            _ => new TypeResult(BoolType.Any, r1.Caps.Intersect(r2.Caps)),
        };
    }

    private TypeResult TypeOfUnary(UnaryExpr u, ImmutableHashSet<string> c)
    {
        var t = TypeOf(u.Operand, c).Type;
        return u.Op switch
        {
            UnaryOp.Not => TypeResult.Of((t as BoolType ?? throw Unexpected(t, u.Operand, "a boolean operand of !")).Not()),
            UnaryOp.Neg => TypeResult.Of(Expect<IntType>(t, u.Operand)),
            _ => t is SetOfType ? TypeResult.Of(BoolType.Any) : throw Unexpected(t, u.Operand, "a set"),
        };
    }

    private TypeResult TypeOfSet(SetExpr s, ImmutableHashSet<string> c)
    {
        if (s.Items.Count == 0)
        {
            throw Error(s, "empty set literals cannot be typed");
        }

        CedarType? lub = null;
        foreach (var item in s.Items)
        {
            var t = TypeOf(item, c).Type;
            lub = lub is null ? t : TypeOps.Lub(lub, t) ?? throw Error(s, $"set elements have incompatible types {lub} and {t}");
        }

        return TypeResult.Of(new SetOfType(lub!));
    }

    private string Key(Expr e) => ExprKey.Of(e, env.Action);

    private static T Expect<T>(CedarType t, Expr at)
        where T : CedarType => t as T ?? throw Unexpected(t, at, Describe(typeof(T)));

    private static string Describe(Type t) =>
        t == typeof(IntType) ? "Long" : t == typeof(StringType) ? "String" : t == typeof(SetOfType) ? "a set" : t == typeof(EntityType) ? "an entity" : "a boolean";

    private static TypeCheckException Unexpected(CedarType t, Expr at, string expected) => Error(at, $"unexpected type: expected {expected}, found {t}");

    private static TypeCheckException Error(Expr at, string message) => new(message, at.Line, at.Column);

    private EntityUid? EntityUidOf(Expr e) => e switch
    {
        LiteralExpr { Value: EntityValue ev } => ev.Uid,
        VarExpr { Kind: VarKind.Action } => env.Action,
        _ => null,
    };
}

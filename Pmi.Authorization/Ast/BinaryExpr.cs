using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class BinaryExpr(BinaryOp op, Expr left, Expr right) : Expr
{
    public BinaryOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var l = Left.Evaluate(ctx);
        var r = Right.Evaluate(ctx);
        switch (Op)
        {
            case BinaryOp.Eq: return BoolValue.Of(l.Equals(r));
            case BinaryOp.NotEq: return BoolValue.Of(!l.Equals(r));
            case BinaryOp.Less: return BoolValue.Of(Compare(l, r) < 0);
            case BinaryOp.LessEq: return BoolValue.Of(Compare(l, r) <= 0);
            case BinaryOp.Greater: return BoolValue.Of(Compare(l, r) > 0);
            case BinaryOp.GreaterEq: return BoolValue.Of(Compare(l, r) >= 0);
            case BinaryOp.Add: return ValueOps.Checked((Int128)ValueOps.AsLong(l) + ValueOps.AsLong(r));
            case BinaryOp.Sub: return ValueOps.Checked((Int128)ValueOps.AsLong(l) - ValueOps.AsLong(r));
            case BinaryOp.Mul: return ValueOps.Checked((Int128)ValueOps.AsLong(l) * ValueOps.AsLong(r));
            case BinaryOp.In: return BoolValue.Of(ValueOps.In(ValueOps.AsEntity(l), r, ctx.Entities));
            case BinaryOp.Contains: return BoolValue.Of(ValueOps.AsSet(l).Items.Contains(r));
            case BinaryOp.ContainsAll: return BoolValue.Of(ValueOps.AsSet(r).Items.IsSubsetOf(ValueOps.AsSet(l).Items));
            case BinaryOp.ContainsAny: return BoolValue.Of(ValueOps.AsSet(l).Items.Overlaps(ValueOps.AsSet(r).Items));
            case BinaryOp.HasTag: return BoolValue.Of(HasTag(l, r, ctx));
            default: return GetTag(l, r, ctx);
        }
    }

    private static int Compare(Value l, Value r)
    {
        // Datetime and duration take part in the ordering operators; decimal does not.
        return (l, r) switch
        {
            (LongValue a, LongValue b) => a.Value.CompareTo(b.Value),
            (DatetimeValue a, DatetimeValue b) => a.Millis.CompareTo(b.Millis),
            (DurationValue a, DurationValue b) => a.Millis.CompareTo(b.Millis),
            (LongValue, _) => throw ValueOps.TypeError("long", r),
            _ => throw ValueOps.TypeError("long", l),
        };
    }

    private static bool HasTag(Value l, Value r, EvaluationContext ctx)
    {
        var uid = ValueOps.AsEntity(l);
        var tag = ValueOps.AsString(r);
        return ctx.Entities.Map.TryGetValue(uid, out var e) && e.Tags is not null && e.Tags.ContainsKey(tag);
    }

    private static Value GetTag(Value l, Value r, EvaluationContext ctx)
    {
        var uid = ValueOps.AsEntity(l);
        var tag = ValueOps.AsString(r);
        if (ctx.Entities.Map.TryGetValue(uid, out var e) && e.Tags is not null && e.Tags.TryGetValue(tag, out var v))
        {
            return v;
        }

        throw new EvaluationException($"entity {uid} has no tag \"{tag}\"");
    }
}

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
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var l = Left.Evaluate(ctx);
        if (l is ErrorValue)
        {
            return l;
        }

        var r = Right.Evaluate(ctx);
        if (r is ErrorValue)
        {
            return r;
        }

        switch (Op)
        {
            case BinaryOp.Eq: return BoolValue.Of(l.Equals(r));
            case BinaryOp.NotEq: return BoolValue.Of(!l.Equals(r));
            case BinaryOp.Less or BinaryOp.LessEq or BinaryOp.Greater or BinaryOp.GreaterEq: return Compare(l, r, ctx);
            case BinaryOp.Add or BinaryOp.Sub or BinaryOp.Mul: return Arithmetic(l, r, ctx);
            case BinaryOp.In: return l is EntityValue e ? ValueOps.In(e.Uid, r, ctx) : ctx.TypeError("entity", l);
            case BinaryOp.Contains: return l is SetValue s ? BoolValue.Of(s.Items.Contains(r)) : ctx.TypeError("set", l);
            case BinaryOp.ContainsAll or BinaryOp.ContainsAny: return SetRelation(l, r, ctx);
            default: return Tag(l, r, ctx);
        }
    }

    private Value Compare(Value l, Value r, EvaluationContext ctx)
    {
        // Datetime and duration take part in the ordering operators; decimal does not.
        int cmp;
        switch (l, r)
        {
            case (LongValue a, LongValue b): cmp = a.Value.CompareTo(b.Value); break;
            case (DatetimeValue a, DatetimeValue b): cmp = a.Millis.CompareTo(b.Millis); break;
            case (DurationValue a, DurationValue b): cmp = a.Millis.CompareTo(b.Millis); break;
            case (LongValue, _): return ctx.TypeError("long", r);
            default: return ctx.TypeError("long", l);
        }

        return BoolValue.Of(Op switch
        {
            BinaryOp.Less => cmp < 0,
            BinaryOp.LessEq => cmp <= 0,
            BinaryOp.Greater => cmp > 0,
            _ => cmp >= 0,
        });
    }

    private Value Arithmetic(Value l, Value r, EvaluationContext ctx)
    {
        if (l is not LongValue a)
        {
            return ctx.TypeError("long", l);
        }

        if (r is not LongValue b)
        {
            return ctx.TypeError("long", r);
        }

        Int128 result = Op switch
        {
            BinaryOp.Add => (Int128)a.Value + b.Value,
            BinaryOp.Sub => (Int128)a.Value - b.Value,
            _ => (Int128)a.Value * b.Value,
        };
        return ValueOps.Checked(result, ctx);
    }

    private Value SetRelation(Value l, Value r, EvaluationContext ctx)
    {
        if (l is not SetValue a)
        {
            return ctx.TypeError("set", l);
        }

        if (r is not SetValue b)
        {
            return ctx.TypeError("set", r);
        }

        return BoolValue.Of(Op == BinaryOp.ContainsAll ? b.Items.IsSubsetOf(a.Items) : a.Items.Overlaps(b.Items));
    }

    private Value Tag(Value l, Value r, EvaluationContext ctx)
    {
        if (l is not EntityValue e)
        {
            return ctx.TypeError("entity", l);
        }

        if (r is not StringValue tag)
        {
            return ctx.TypeError("string", r);
        }

        Value? v = null;
        var found = ctx.Entities.Map.TryGetValue(e.Uid, out var entity) && entity.Tags is not null && entity.Tags.TryGetValue(tag.Value, out v);
        if (Op == BinaryOp.HasTag)
        {
            return BoolValue.Of(found);
        }

        return found ? v! : ctx.Fail($"entity {e.Uid} has no tag \"{tag.Value}\"");
    }
}

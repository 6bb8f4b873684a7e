using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class UnaryExpr(UnaryOp op, Expr operand) : Expr
{
    public UnaryOp Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var v = Operand.Evaluate(ctx);
        return Op switch
        {
            UnaryOp.Not => v is BoolValue b ? BoolValue.Of(!b.Value) : ctx.TypeError("bool", v),
            UnaryOp.Neg => v is LongValue l ? ValueOps.Checked(-(Int128)l.Value, ctx) : ctx.TypeError("long", v),
            _ => v is SetValue s ? BoolValue.Of(s.Items.Count == 0) : ctx.TypeError("set", v),
        };
    }
}

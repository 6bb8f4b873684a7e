using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class AndExpr(Expr left, Expr right) : Expr
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var l = Left.Evaluate(ctx);
        if (l is not BoolValue lb)
        {
            return ctx.TypeError("bool", l);
        }

        if (!lb.Value)
        {
            return lb;
        }

        var r = Right.Evaluate(ctx);
        return r is BoolValue ? r : ctx.TypeError("bool", r);
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class IfExpr(Expr condition, Expr then, Expr otherwise) : Expr
{
    public Expr Condition { get; } = condition;

    public Expr Then { get; } = then;

    public Expr Else { get; } = otherwise;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var c = Condition.Evaluate(ctx);
        if (c is not BoolValue b)
        {
            return ctx.TypeError("bool", c);
        }

        return b.Value ? Then.Evaluate(ctx) : Else.Evaluate(ctx);
    }
}

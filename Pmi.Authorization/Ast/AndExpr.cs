using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class AndExpr(Expr left, Expr right) : Expr
{
    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (!ValueOps.AsBool(Left.Evaluate(ctx)))
        {
            return BoolValue.False;
        }

        return BoolValue.Of(ValueOps.AsBool(Right.Evaluate(ctx)));
    }
}

using System.Runtime.CompilerServices;
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
        RuntimeHelpers.EnsureSufficientExecutionStack();
        return ValueOps.AsBool(Condition.Evaluate(ctx)) ? Then.Evaluate(ctx) : Else.Evaluate(ctx);
    }
}

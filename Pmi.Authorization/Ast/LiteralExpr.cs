using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class LiteralExpr(Value value) : Expr
{
    public Value Value { get; } = value;

    public override Value Evaluate(EvaluationContext ctx) => Value;
}

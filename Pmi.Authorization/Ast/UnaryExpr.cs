using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class UnaryExpr(UnaryOp op, Expr operand) : Expr
{
    public UnaryOp Op { get; } = op;

    public Expr Operand { get; } = operand;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var v = Operand.Evaluate(ctx);
        return Op switch
        {
            UnaryOp.Not => BoolValue.Of(!ValueOps.AsBool(v)),
            UnaryOp.Neg => ValueOps.Checked(-(Int128)ValueOps.AsLong(v)),
            _ => BoolValue.Of(ValueOps.AsSet(v).Items.Count == 0),
        };
    }
}

using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

/// <summary><c>e is T</c>, optionally <c>e is T in e2</c>.</summary>
internal sealed class IsExpr(Expr target, string entityType, Expr? inExpr) : Expr
{
    public Expr Target { get; } = target;

    public string EntityType { get; } = entityType;

    public Expr? InExpr { get; } = inExpr;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var uid = ValueOps.AsEntity(Target.Evaluate(ctx));
        if (!string.Equals(uid.Type, EntityType, StringComparison.Ordinal))
        {
            return BoolValue.False;
        }

        return InExpr is null ? BoolValue.True : BoolValue.Of(ValueOps.In(uid, InExpr.Evaluate(ctx), ctx.Entities));
    }
}

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
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var v = Target.Evaluate(ctx);
        if (v is not EntityValue e)
        {
            return ctx.TypeError("entity", v);
        }

        if (!string.Equals(e.Uid.Type, EntityType, StringComparison.Ordinal))
        {
            return BoolValue.False;
        }

        if (InExpr is null)
        {
            return BoolValue.True;
        }

        var rhs = InExpr.Evaluate(ctx);
        return rhs is ErrorValue ? rhs : ValueOps.In(e.Uid, rhs, ctx);
    }
}

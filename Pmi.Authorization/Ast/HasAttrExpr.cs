using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class HasAttrExpr(Expr target, string attr) : Expr
{
    public Expr Target { get; } = target;

    public string Attr { get; } = attr;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var attrs = ValueOps.AttrsOf(Target.Evaluate(ctx), ctx.Entities, forHas: true);
        return BoolValue.Of(attrs.ContainsKey(Attr));
    }
}

using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class GetAttrExpr(Expr target, string attr) : Expr
{
    public Expr Target { get; } = target;

    public string Attr { get; } = attr;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var attrs = ValueOps.AttrsOf(Target.Evaluate(ctx), ctx.Entities, forHas: false);
        return attrs.TryGetValue(Attr, out var v) ? v : throw new EvaluationException($"attribute \"{Attr}\" does not exist");
    }
}

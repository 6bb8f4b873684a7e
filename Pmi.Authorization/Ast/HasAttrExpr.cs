using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class HasAttrExpr(Expr target, string attr) : Expr
{
    public Expr Target { get; } = target;

    public string Attr { get; } = attr;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var attrs = ValueOps.AttrsOf(Target.Evaluate(ctx), ctx, forHas: true);
        return attrs is null ? ErrorValue.Instance : BoolValue.Of(attrs.ContainsKey(Attr));
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class GetAttrExpr(Expr target, string attr) : Expr
{
    public Expr Target { get; } = target;

    public string Attr { get; } = attr;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var attrs = ValueOps.AttrsOf(Target.Evaluate(ctx), ctx, forHas: false);
        if (attrs is null)
        {
            return ErrorValue.Instance;
        }

        return attrs.TryGetValue(Attr, out var v) ? v : ctx.Fail($"attribute \"{Attr}\" does not exist");
    }
}

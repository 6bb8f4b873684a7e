using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class SetExpr(IReadOnlyList<Expr> items) : Expr
{
    public IReadOnlyList<Expr> Items { get; } = items;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var set = new HashSet<Value>(Items.Count);
        for (var i = 0; i < Items.Count; i++)
        {
            var v = Items[i].Evaluate(ctx);
            if (v is ErrorValue)
            {
                return v;
            }

            set.Add(v);
        }

        return new SetValue(set);
    }
}

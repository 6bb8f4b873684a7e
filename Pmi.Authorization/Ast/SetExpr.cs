using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class SetExpr(IReadOnlyList<Expr> items) : Expr
{
    public IReadOnlyList<Expr> Items { get; } = items;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var set = new HashSet<Value>(Items.Count);
        for (var i = 0; i < Items.Count; i++)
        {
            set.Add(Items[i].Evaluate(ctx));
        }

        return new SetValue(set);
    }
}

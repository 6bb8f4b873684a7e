using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class RecordExpr(IReadOnlyList<KeyValuePair<string, Expr>> fields) : Expr
{
    public IReadOnlyList<KeyValuePair<string, Expr>> Fields { get; } = fields;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var attrs = new Dictionary<string, Value>(Fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            attrs[Fields[i].Key] = Fields[i].Value.Evaluate(ctx);
        }

        return new RecordValue(attrs);
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

internal sealed class RecordExpr(IReadOnlyList<KeyValuePair<string, Expr>> fields) : Expr
{
    public IReadOnlyList<KeyValuePair<string, Expr>> Fields { get; } = fields;

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var attrs = new Dictionary<string, Value>(Fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            var v = Fields[i].Value.Evaluate(ctx);
            if (v is ErrorValue)
            {
                return v;
            }

            attrs[Fields[i].Key] = v;
        }

        return new RecordValue(attrs);
    }
}

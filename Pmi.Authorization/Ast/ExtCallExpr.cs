using System.Runtime.CompilerServices;
using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

/// <summary>A call of an extension function; for method syntax the receiver is the first argument.</summary>
internal sealed class ExtCallExpr(string name, IReadOnlyList<Expr> args) : Expr
{
    public string Name { get; } = name;

    public IReadOnlyList<Expr> Args { get; } = args;

    public override Value Evaluate(EvaluationContext ctx)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var values = new Value[Args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Args[i].Evaluate(ctx);
        }

        return ExtensionFunctions.Call(Name, values);
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Extensions;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

/// <summary>A call of an extension function; for method syntax the receiver is the first argument.</summary>
internal sealed class ExtCallExpr : Expr
{
    // A constructor applied to a valid string literal is computed once, not on every request.
    private readonly Value? _constant;

    public ExtCallExpr(string name, IReadOnlyList<Expr> args)
    {
        Name = name;
        Args = args;
        if (ExtensionFunctions.Constructors.Contains(name) && args is [LiteralExpr { Value: StringValue s }])
        {
            var v = ExtensionFunctions.Call(name, [s], out _);
            _constant = v is ErrorValue ? null : v;
        }
    }

    public string Name { get; }

    public IReadOnlyList<Expr> Args { get; }

    public override Value Evaluate(EvaluationContext ctx)
    {
        if (_constant is not null)
        {
            return _constant;
        }

        if (!ctx.EnterNode())
        {
            return ErrorValue.Instance;
        }

        var values = new Value[Args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Args[i].Evaluate(ctx);
            if (values[i] is ErrorValue)
            {
                return values[i];
            }
        }

        var result = ExtensionFunctions.Call(Name, values, out var error);
        return error is null ? result : ctx.Fail(error);
    }
}

using Pmi.Authorization.Evaluation;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Ast;

/// <summary>A Cedar expression node. A Cedar error evaluates to <see cref="ErrorValue"/> and is recorded in the context.</summary>
internal abstract class Expr
{
    /// <summary>1-based line of the expression start, for validation messages.</summary>
    public int Line { get; set; }

    /// <summary>1-based column of the expression start.</summary>
    public int Column { get; set; }

    public abstract Value Evaluate(EvaluationContext ctx);
}

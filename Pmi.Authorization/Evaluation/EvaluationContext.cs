using System.Runtime.CompilerServices;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Evaluation;

/// <summary>
/// The request variables and entities an expression is evaluated against, and the first error
/// raised while evaluating the current policy.
/// </summary>
internal sealed class EvaluationContext(Value principal, Value action, Value resource, Value context, Entities entities)
{
    public Value Principal { get; } = principal;

    public Value Action { get; } = action;

    public Value Resource { get; } = resource;

    public Value Context { get; } = context;

    public Entities Entities { get; } = entities;

    /// <summary>Why evaluation produced <see cref="ErrorValue"/>; null while no error occurred.</summary>
    public string? Error { get; set; }

    public ErrorValue Fail(string message)
    {
        Error ??= message;
        return ErrorValue.Instance;
    }

    /// <summary>Propagates an error operand, or reports a type error for any other wrong operand.</summary>
    public ErrorValue TypeError(string expected, Value actual) =>
        actual is ErrorValue e ? e : Fail($"type error: expected {expected}, got {actual.TypeName}");

    /// <summary>False when evaluation is too deep for the remaining stack; the error is then recorded.</summary>
    public bool EnterNode()
    {
        if (RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return true;
        }

        Fail("expression too deeply nested to evaluate");
        return false;
    }
}

using System.Runtime.CompilerServices;
using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Evaluation;

/// <summary>
/// The request variables and entities an expression is evaluated against, the first error
/// raised while evaluating the current policy, and the work budget: every node evaluated and every
/// step of a <c>like</c> match is counted, against a limit per policy and one per request, so that no
/// policy and no request can keep a core busy; the request's cancellation is checked as work is counted.
/// </summary>
internal sealed class EvaluationContext(Value principal, Value action, Value resource, Value context, Entities entities)
{
    /// <summary>How many steps pass between two looks at the cancellation token.</summary>
    private const long CancellationStride = 4096;

    private long steps;
    private long policyStart;
    private long nextCancellationCheck = CancellationStride;

    public Value Principal { get; } = principal;

    public Value Action { get; } = action;

    public Value Resource { get; } = resource;

    public Value Context { get; } = context;

    public Entities Entities { get; } = entities;

    /// <summary>Why evaluation produced <see cref="ErrorValue"/>; null while no error occurred.</summary>
    public string? Error { get; set; }

    /// <summary>The most steps one policy may take.</summary>
    public long MaxPolicySteps { get; init; } = long.MaxValue;

    /// <summary>The most steps the whole request may take.</summary>
    public long MaxRequestSteps { get; init; } = long.MaxValue;

    /// <summary>The request's abort; evaluation throws <see cref="OperationCanceledException"/> once it is signalled.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>Whether the current policy ran out of budget (its own or the request's).</summary>
    public bool BudgetExceeded { get; private set; }

    /// <summary>Whether the request's whole budget is spent: no further policy can be evaluated.</summary>
    public bool RequestBudgetSpent => steps >= MaxRequestSteps;

    /// <summary>Starts counting a new policy's steps and clears its error.</summary>
    public void BeginPolicy()
    {
        Error = null;
        BudgetExceeded = false;
        policyStart = steps;
    }

    /// <summary>
    /// Counts <paramref name="work"/> steps; false once the policy's or the request's budget is exceeded
    /// (the error is then recorded and the evaluation should stop).
    /// </summary>
    public bool Charge(long work)
    {
        if (BudgetExceeded)
        {
            return false;
        }

        steps += work;
        if (steps >= nextCancellationCheck)
        {
            nextCancellationCheck = steps + CancellationStride;
            Cancellation.ThrowIfCancellationRequested();
        }

        if (steps - policyStart <= MaxPolicySteps && steps <= MaxRequestSteps)
        {
            return true;
        }

        BudgetExceeded = true;
        Error = steps > MaxRequestSteps
            ? $"evaluation budget exceeded: the request took more than {MaxRequestSteps} steps"
            : $"evaluation budget exceeded: the policy took more than {MaxPolicySteps} steps";
        return false;
    }

    public ErrorValue Fail(string message)
    {
        Error ??= message;
        return ErrorValue.Instance;
    }

    /// <summary>Propagates an error operand, or reports a type error for any other wrong operand.</summary>
    public ErrorValue TypeError(string expected, Value actual) =>
        actual is ErrorValue e ? e : Fail($"type error: expected {expected}, got {actual.TypeName}");

    /// <summary>False when evaluation is too deep for the remaining stack or out of budget; the error is then recorded.</summary>
    public bool EnterNode()
    {
        if (!Charge(1))
        {
            return false;
        }

        if (RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return true;
        }

        Fail("expression too deeply nested to evaluate");
        return false;
    }
}

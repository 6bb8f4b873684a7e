using Pmi.Authorization.Model;
using Pmi.Authorization.Values;

namespace Pmi.Authorization.Evaluation;

/// <summary>The request variables and entities an expression is evaluated against.</summary>
internal sealed class EvaluationContext(Value principal, Value action, Value resource, Value context, Entities entities)
{
    public Value Principal { get; } = principal;

    public Value Action { get; } = action;

    public Value Resource { get; } = resource;

    public Value Context { get; } = context;

    public Entities Entities { get; } = entities;
}

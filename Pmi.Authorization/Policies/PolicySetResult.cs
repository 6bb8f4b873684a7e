using Pmi.Authorization.Parsing;

namespace Pmi.Authorization.Policies;

/// <summary>The outcome of parsing or linking: a policy set, or the error that prevented it.</summary>
public sealed class PolicySetResult
{
    private PolicySetResult(PolicySet? value, ParseError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The policy set on success.</summary>
    public PolicySet? Value { get; }

    /// <summary>The error on failure.</summary>
    public ParseError? Error { get; }

    /// <summary>Whether a policy set was produced.</summary>
    public bool IsSuccess => Value is not null;

    internal static PolicySetResult Ok(PolicySet set) => new(set, null);

    internal static PolicySetResult Fail(ParseError error) => new(null, error);
}

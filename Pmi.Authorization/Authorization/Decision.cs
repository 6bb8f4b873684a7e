namespace Pmi.Authorization.Authorization;

/// <summary>The outcome of an authorization request.</summary>
public enum Decision
{
    /// <summary>At least one permit policy is satisfied and no forbid policy is.</summary>
    Allow,

    /// <summary>Default deny, or a forbid policy is satisfied.</summary>
    Deny,
}

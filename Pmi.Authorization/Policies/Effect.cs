namespace Pmi.Authorization.Policies;

/// <summary>Whether a satisfied policy permits or forbids the request.</summary>
public enum Effect
{
    /// <summary>Allows the request unless a forbid policy is also satisfied.</summary>
    Permit,

    /// <summary>Denies the request; overrides any permit.</summary>
    Forbid,
}

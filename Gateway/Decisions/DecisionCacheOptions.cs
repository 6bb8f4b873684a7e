namespace Gateway.Decisions;

/// <summary>How the gateway keeps decisions, in section <c>Gateway:DecisionCache</c>.</summary>
public sealed class DecisionCacheOptions
{
    /// <summary>The section.</summary>
    public const string Section = "Gateway:DecisionCache";

    /// <summary>
    /// The longest a decision is reused, in seconds (default 60; 0 turns the cache off). A change of
    /// anything decisions depend on drops every kept decision at once, whatever this says.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>How many decisions are kept at most (default 10,000); when full, all are dropped and it fills again.</summary>
    public int MaxEntries { get; set; } = 10_000;
}

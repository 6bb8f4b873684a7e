namespace Platform.RateLimiting;

/// <summary>
/// The <c>Platform:RateLimits</c> section: how much audited work one client address may cause
/// without authenticating (time stamps, refused client certificates). Each address has a token
/// bucket of <see cref="TokenLimit"/> requests, refilled by <see cref="TokensPerPeriod"/> every
/// <see cref="ReplenishmentPeriod"/>; past it the address is answered 429 and not audited.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Platform:RateLimits";

    /// <summary>False turns every per-address limit off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// True (the default) leaves loopback callers unlimited: they are this host's own tools and
    /// benchmarks. A reverse proxy on the same host makes every caller look like loopback; set it
    /// false there.
    /// </summary>
    public bool ExemptLoopback { get; set; } = true;

    /// <summary>The most requests one address may send at once (the bucket's size).</summary>
    public int TokenLimit { get; set; } = 100;

    /// <summary>The requests given back to each address every <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; } = 10;

    /// <summary>How often the buckets are refilled.</summary>
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

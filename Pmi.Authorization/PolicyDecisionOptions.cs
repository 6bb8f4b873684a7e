namespace Pmi.Authorization;

/// <summary>The <c>Authorization</c> configuration section: limits of the policy decision point.</summary>
public sealed class PolicyDecisionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Authorization";

    /// <summary>The largest policy set accepted by <c>PUT /authz/policies</c>, in bytes.</summary>
    public int MaxPolicyBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest schema accepted by <c>PUT /authz/schema</c>, in bytes.</summary>
    public int MaxSchemaBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest decision request body (single or batch), in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 512 * 1024;

    /// <summary>The most requests one batch may hold.</summary>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>The most entities one decision request may carry.</summary>
    public int MaxRequestEntities { get; set; } = 1000;

    /// <summary>
    /// The most evaluation steps (expression nodes, <c>like</c> match steps) one policy may take in a decision;
    /// a policy that needs more errors, which never allows (and a forbid that errors so denies).
    /// </summary>
    public long MaxPolicySteps { get; set; } = Authorization.Authorizer.DefaultMaxPolicySteps;

    /// <summary>The most evaluation steps one decision may take over all its policies; past it, every policy left errors.</summary>
    public long MaxRequestSteps { get; set; } = Authorization.Authorizer.DefaultMaxRequestSteps;

    /// <summary>
    /// How often a node checks the database for policies, a schema or attribute certificates another
    /// node stored, in seconds; 0 turns it off. On PostgreSQL a committed change wakes the nodes at once.
    /// </summary>
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>The entity type of a person whose access token a decision request carries: <c>Person::"&lt;login&gt;"</c>.</summary>
    public string PersonEntityType { get; set; } = "Person";

    /// <summary>The entity type of an application whose own (client-credentials) access token a decision request carries.</summary>
    public string ApplicationEntityType { get; set; } = "Application";

    /// <summary>Throws with a clear message when a limit is out of range, so a bad configuration refuses to boot.</summary>
    public void Validate()
    {
        Require(MaxPolicyBytes is >= 1024 and <= 16 * 1024 * 1024, "MaxPolicyBytes must be between 1 KiB and 16 MiB.");
        Require(MaxSchemaBytes is >= 1024 and <= 16 * 1024 * 1024, "MaxSchemaBytes must be between 1 KiB and 16 MiB.");
        Require(MaxRequestBytes is >= 1024 and <= 16 * 1024 * 1024, "MaxRequestBytes must be between 1 KiB and 16 MiB.");
        Require(MaxBatchSize is >= 1 and <= 10_000, "MaxBatchSize must be between 1 and 10000.");
        Require(MaxRequestEntities is >= 0 and <= 100_000, "MaxRequestEntities must be between 0 and 100000.");
        Require(MaxPolicySteps is >= 1000 and <= 1_000_000_000, "MaxPolicySteps must be between 1000 and 1000000000.");
        Require(MaxRequestSteps >= MaxPolicySteps && MaxRequestSteps <= 10_000_000_000, "MaxRequestSteps must be between MaxPolicySteps and 10000000000.");
        Require(IsTypeName(PersonEntityType) && IsTypeName(ApplicationEntityType) && PersonEntityType != ApplicationEntityType,
            "PersonEntityType and ApplicationEntityType must be two different Cedar type names.");
        Require(RefreshSeconds == 0 || RefreshSeconds is >= 0.05 and <= 3600, "RefreshSeconds must be 0 (off) or between 0.05 and 3600.");
    }

    private static bool IsTypeName(string name) =>
        name.Split("::").All(part => part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_') && part.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'));

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"{Section}:{message}");
        }
    }
}

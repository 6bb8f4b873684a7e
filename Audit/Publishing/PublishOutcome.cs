namespace Audit.Publishing;

/// <summary>What an attempt to publish a checkpoint did.</summary>
public enum PublishOutcome
{
    /// <summary>A new checkpoint was signed and stored.</summary>
    Published,

    /// <summary>The tree has not changed since the latest checkpoint, which stays current.</summary>
    Unchanged,

    /// <summary>
    /// The stored tree does not extend the latest checkpoint (it was truncated or rewritten);
    /// nothing was signed. This is evidence of tampering.
    /// </summary>
    Inconsistent,
}

namespace Platform.Auditing;

/// <summary>
/// One security-relevant action, as a module reports it. The trail assigns its sequence index
/// and time. Never put secrets (keys, tokens, passwords) into it.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>
    /// The event's own identity, when it has one: the trail records an event with a given id at
    /// most once, so a delivery repeated after a crash cannot record it twice. Set by
    /// <see cref="AuditOutbox"/> for events staged with a module's write.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>The module that performed the action, e.g. <c>pki.ca</c>.</summary>
    public required string Module { get; init; }

    /// <summary>What was done, dotted lowercase, e.g. <c>certificate.issue</c>.</summary>
    public required string Action { get; init; }

    /// <summary>How it ended.</summary>
    public required AuditOutcome Outcome { get; init; }

    /// <summary>Who did it.</summary>
    public AuditActor Actor { get; init; } = AuditActor.Anonymous;

    /// <summary>What it was done to, e.g. a certificate serial.</summary>
    public string? Target { get; init; }

    /// <summary>The caller's network address.</summary>
    public string? SourceAddress { get; init; }

    /// <summary>The request's trace identifier, to join the audit trail with the logs.</summary>
    public string? RequestId { get; init; }

    /// <summary>Further facts, as strings (a reason, a profile name).</summary>
    public IReadOnlyDictionary<string, string> Details { get; init; } = new Dictionary<string, string>();
}

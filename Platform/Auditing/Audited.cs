namespace Platform.Auditing;

/// <summary>
/// What a module write decided: its result, and the audit event that records it when the write
/// changed something. The event is staged in the write's own transaction, so it commits (or rolls
/// back, or is retried) with the change and nothing else.
/// </summary>
/// <typeparam name="T">The write's result.</typeparam>
/// <param name="Result">The write's result.</param>
/// <param name="Event">The event that records the committed change; null when the write changed nothing.</param>
public readonly record struct Audited<T>(T Result, AuditEvent? Event)
{
    /// <summary>
    /// Events of further actions the same write committed, recorded after <see cref="Event"/> in
    /// this order: an officer's approval that also issues the certificate is two actions, the
    /// approval and the issuance, in one transaction.
    /// </summary>
    public IReadOnlyList<AuditEvent> Also { get; init; } = [];
}

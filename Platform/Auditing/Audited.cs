namespace Platform.Auditing;

/// <summary>
/// What a module write decided: its result, and the audit event that records it when the write
/// changed something. The event is staged in the write's own transaction, so it commits (or rolls
/// back, or is retried) with the change and nothing else.
/// </summary>
/// <typeparam name="T">The write's result.</typeparam>
/// <param name="Result">The write's result.</param>
/// <param name="Event">The event that records the committed change; null when the write changed nothing.</param>
public readonly record struct Audited<T>(T Result, AuditEvent? Event);

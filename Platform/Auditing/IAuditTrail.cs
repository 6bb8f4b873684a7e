namespace Platform.Auditing;

/// <summary>
/// Where every module records its security-relevant actions. Unlike logging, recording must
/// not lose an event: when the returned task completes the event is durable, and when it
/// throws the caller must fail the action it was about to answer (fail closed).
/// </summary>
public interface IAuditTrail
{
    /// <summary>
    /// Records <paramref name="auditEvent"/> durably; throws <see cref="AuditUnavailableException"/>
    /// when the trail cannot.
    /// </summary>
    Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default);
}

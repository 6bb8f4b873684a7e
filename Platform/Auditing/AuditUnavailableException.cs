namespace Platform.Auditing;

/// <summary>
/// The audit trail could not durably record an event, so the action it describes must not
/// happen (fail closed). The host answers it as <c>503 audit-unavailable</c> problem details.
/// </summary>
public sealed class AuditUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Wraps the storage failure behind an unrecorded event.</summary>
    public AuditUnavailableException(Exception inner)
        : this("The audit trail could not record the event.", inner)
    {
    }
}

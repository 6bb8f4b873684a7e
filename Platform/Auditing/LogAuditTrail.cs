using Microsoft.Extensions.Logging;

namespace Platform.Auditing;

/// <summary>
/// Writes audit events to the structured log. This is the trail until the Audit module's
/// tamper-evident log replaces it; it is not durable beyond what the log sink gives.
/// </summary>
internal sealed partial class LogAuditTrail(ILogger<LogAuditTrail> logger, TimeProvider time) : IAuditTrail
{
    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        LogEvent(logger, time.GetUtcNow(), auditEvent.Module, auditEvent.Action, auditEvent.Outcome, auditEvent.Target,
            auditEvent.Actor.ToString(), auditEvent.SourceAddress, auditEvent.RequestId,
            string.Join("; ", auditEvent.Details.Select(d => $"{d.Key}={d.Value}")));
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Audit {Time:O} {Module} {Action} {Outcome} target={Target} actor={Actor} source={SourceAddress} request={RequestId} details={Details}")]
    private static partial void LogEvent(ILogger logger, DateTimeOffset time, string module, string action, AuditOutcome outcome,
        string? target, string actor, string? sourceAddress, string? requestId, string details);
}

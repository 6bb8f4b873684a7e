using Audit.Sequencing;
using Microsoft.Extensions.Logging;
using System.Text.Json;
using PlatformAuditing = Platform.Auditing;

namespace Audit.Trail;

/// <summary>
/// The platform's audit trail: every module's <see cref="PlatformAuditing.IAuditTrail"/> calls end
/// here and become entries of the tamper-evident log. Recording completes only after the entry is
/// committed; when it cannot be, recording throws so that the caller fails its action (fail closed).
/// Each event is also written to the operational log, which may drop it; the log does not.
/// </summary>
internal sealed partial class AuditTrail(AuditSequencer sequencer, ILogger<AuditTrail> logger) : PlatformAuditing.IAuditTrail
{
    public async Task RecordAsync(PlatformAuditing.AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var draft = ToDraft(auditEvent);
        Sequencing.AppendResult result;
        try
        {
            result = await sequencer.AppendAsync(draft, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Storage failed: a condition of the moment, which the host answers as 503.
            throw new PlatformAuditing.AuditUnavailableException(e);
        }


        if (!result.IsSuccess)
        {
            LogRefused(logger, auditEvent.Module, auditEvent.Action, result.Error.ToString());
            throw new InvalidOperationException(
                $"The audit event {auditEvent.Module} {auditEvent.Action} cannot be recorded ({result.Error}); the action must fail.");
        }

        LogRecorded(logger, result.Index, auditEvent.Module, auditEvent.Action, auditEvent.Outcome.ToString(), auditEvent.Target,
            auditEvent.Actor.Subject ?? auditEvent.Actor.User ?? auditEvent.Actor.ClientId, auditEvent.SourceAddress, auditEvent.RequestId);
    }

    internal static AuditDraft ToDraft(PlatformAuditing.AuditEvent auditEvent) => new()
    {
        EventId = Blank(auditEvent.Id),
        Module = auditEvent.Module,
        Action = auditEvent.Action,
        Outcome = auditEvent.Outcome switch
        {
            PlatformAuditing.AuditOutcome.Success => Events.AuditOutcome.Success,
            PlatformAuditing.AuditOutcome.Failure => Events.AuditOutcome.Failure,
            PlatformAuditing.AuditOutcome.Denied => Events.AuditOutcome.Denied,
            _ => throw new ArgumentOutOfRangeException(nameof(auditEvent), auditEvent.Outcome, "Unknown audit outcome."),
        },
        Actor = new Events.AuditActor
        {
            Subject = Blank(auditEvent.Actor.Subject),
            Serial = Blank(auditEvent.Actor.Serial),
            ClientId = Blank(auditEvent.Actor.ClientId),
            User = Blank(auditEvent.Actor.User),
        },
        Target = Blank(auditEvent.Target),
        SourceAddress = Blank(auditEvent.SourceAddress),
        RequestId = Blank(auditEvent.RequestId),
        Details = auditEvent.Details.ToDictionary(d => d.Key, d => JsonSerializer.SerializeToElement(d.Value, AuditJsonContext.Default.String),
            StringComparer.Ordinal),
    };

    // The canonical encoding omits unknown values; an empty string would be a second spelling of "unknown".
    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;

    // Debug: one line per event is the audit log's job, not the console's; at thousands of events a
    // second (time stamps) the line cost more CPU than encoding the entry.
    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug,
        Message = "Audit #{Index} {Module} {Action} {Outcome} target={Target} actor={Actor} source={SourceAddress} request={RequestId}")]
    private static partial void LogRecorded(ILogger logger, long index, string module, string action, string outcome, string? target,
        string? actor, string? sourceAddress, string? requestId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Audit event {Module} {Action} refused by the log: {Error}")]
    private static partial void LogRefused(ILogger logger, string module, string action, string error);
}

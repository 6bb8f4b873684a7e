using Microsoft.Extensions.Logging.Abstractions;
using Platform.Auditing;

namespace Platform.Tests.Storage.Harness;

/// <summary>
/// Keeps the events it is given, once per event id as the real trail does; when
/// <see cref="Broken"/>, fails like an unavailable trail.
/// </summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    public List<AuditEvent> Events { get; } = [];

    /// <summary>Every event given, duplicates included.</summary>
    public List<AuditEvent> Received { get; } = [];

    public bool Broken { get; set; }

    /// <summary>An outbox delivering into this trail.</summary>
    public AuditOutbox Outbox(TimeProvider? time = null) => new(this, time ?? TimeProvider.System, NullLogger<AuditOutbox>.Instance);

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        if (Broken)
        {
            throw new AuditUnavailableException(new IOException("audit storage unavailable"));
        }

        lock (Events)
        {
            Received.Add(auditEvent);
            if (auditEvent.Id is null || ids.Add(auditEvent.Id))
            {
                Events.Add(auditEvent);
            }
        }

        return Task.CompletedTask;
    }
}

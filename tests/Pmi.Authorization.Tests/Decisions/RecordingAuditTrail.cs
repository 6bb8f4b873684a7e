using Platform.Auditing;

namespace Pmi.Authorization.Tests.Decisions;

/// <summary>Keeps the events it is given; when <see cref="Broken"/>, fails like an unavailable trail.</summary>
internal sealed class RecordingAuditTrail : IAuditTrail
{
    public List<AuditEvent> Events { get; } = [];

    public bool Broken { get; set; }

    public Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        if (Broken)
        {
            throw new IOException("audit storage unavailable");
        }

        Events.Add(auditEvent);
        return Task.CompletedTask;
    }
}

using Platform.Auditing;

namespace Identity.Storage.OpenIddict;

/// <summary>
/// The audit event of the next application write on this asynchronous flow. OpenIddict's manager
/// validates and then calls the store once; the store stages this event in that write's own
/// transaction (the audit outbox), so the change and its event commit together or not at all.
/// The flow that begins a scope holds it; the store marks it used, so the caller can tell a write
/// happened.
/// </summary>
internal sealed class AmbientAudit : IDisposable
{
    private static readonly AsyncLocal<AmbientAudit?> current = new();
    private readonly AmbientAudit? previous;

    private AmbientAudit(AuditEvent auditEvent)
    {
        Event = auditEvent;
        previous = current.Value;
        current.Value = this;
    }

    /// <summary>The event to stage.</summary>
    public AuditEvent Event { get; }

    /// <summary>True once a write staged the event.</summary>
    public bool Used { get; private set; }

    /// <summary>Makes <paramref name="auditEvent"/> the event of the next application write on this flow, until disposed.</summary>
    public static AmbientAudit Begin(AuditEvent auditEvent) => new(auditEvent);

    /// <summary>The event waiting for a write, taken once: a second write on the same scope stages nothing.</summary>
    public static AuditEvent? Take()
    {
        if (current.Value is not { Used: false } scope)
        {
            return null;
        }

        scope.Used = true;
        return scope.Event;
    }

    /// <summary>Gives the event back when the write that took it did not commit (a retry or the caller may use it).</summary>
    public static void Return()
    {
        if (current.Value is { Used: true } scope)
        {
            scope.Used = false;
        }
    }

    public void Dispose() => current.Value = previous;
}

using Pki.Ca.Registration;
using Platform.Auditing;

namespace Pki.Ca.Escrow;

/// <summary>The key escrow's audit actions: one per step, allowed or refused.</summary>
internal static class EscrowEvents
{
    public const string Escrow = "encryption-key.escrow";
    public const string RecoveryOpen = "key-recovery.open";
    public const string RecoveryApprove = "key-recovery.approve";

    /// <summary>An event of <paramref name="action"/> from <paramref name="origin"/> on <paramref name="target"/>.</summary>
    public static AuditEvent Of(AuditOrigin origin, string action, AuditOutcome outcome, string? target, Dictionary<string, string> details) =>
        RegistrationEvents.Of(origin, action, outcome, target, details);
}

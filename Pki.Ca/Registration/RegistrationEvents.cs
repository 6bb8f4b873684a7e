using Platform.Auditing;

namespace Pki.Ca.Registration;

/// <summary>The registration authority's audit actions: one per step, allowed or refused.</summary>
internal static class RegistrationEvents
{
    public const string Module = Issuance.IssuanceEvents.Module;
    public const string DepartmentCreate = "department.create";
    public const string DepartmentUpdate = "department.update";
    public const string Submit = "certificate-request.submit";
    public const string Approve = "certificate-request.approve";
    public const string Reject = "certificate-request.reject";
    public const string SecretCreate = "enrollment-secret.create";
    public const string Enroll = "est.simpleenroll";
    public const string ServerKeygen = "est.serverkeygen";

    /// <summary>An event of <paramref name="action"/> by <paramref name="caller"/> on <paramref name="target"/>.</summary>
    public static AuditEvent Of(RegistrationCaller caller, string action, AuditOutcome outcome, string? target, Dictionary<string, string> details) =>
        Of(caller.Origin, action, outcome, target, details);

    /// <summary>An event of <paramref name="action"/> from <paramref name="origin"/> on <paramref name="target"/>.</summary>
    public static AuditEvent Of(AuditOrigin origin, string action, AuditOutcome outcome, string? target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = outcome,
        Actor = origin.Actor,
        Target = target,
        SourceAddress = origin.SourceAddress,
        RequestId = origin.RequestId,
        Details = details,
    };
}

/// <summary>Who took a step, and from where, as audit events name them.</summary>
internal sealed record AuditOrigin(AuditActor Actor, string? SourceAddress, string? RequestId);

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

    /// <summary>An event of <paramref name="action"/> by <paramref name="caller"/> on <paramref name="target"/>.</summary>
    public static AuditEvent Of(RegistrationCaller caller, string action, AuditOutcome outcome, string? target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = outcome,
        Actor = caller.Actor,
        Target = target,
        SourceAddress = caller.SourceAddress,
        RequestId = caller.RequestId,
        Details = details,
    };
}

using Platform.Auditing;

namespace Pki.Ca.Ceremonies;

/// <summary>The audit events of key ceremony steps: one module, one actor shape, the step's facts as details.</summary>
public static class CeremonyEvents
{
    /// <summary>The module the events belong to.</summary>
    public const string Module = "pki.ca";

    /// <summary>Who ran the step: the operating-system account that ran the command.</summary>
    public static AuditActor Actor { get; } = new(User: "ceremony:" + Environment.UserName);

    /// <summary>A step that was done.</summary>
    public static AuditEvent Success(string action, string target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = AuditOutcome.Success,
        Actor = Actor,
        Target = target,
        Details = details,
    };

    /// <summary>A step refused before it changed anything, with the reason the operator was given.</summary>
    public static AuditEvent Refused(string action, string target, string reason) => new()
    {
        Module = Module,
        Action = action,
        Outcome = AuditOutcome.Failure,
        Actor = Actor,
        Target = target,
        Details = new Dictionary<string, string> { ["reason"] = reason },
    };
}

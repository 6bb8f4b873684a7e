using Platform.Auditing;

namespace Pki.Ca.Ceremonies;

/// <summary>The audit events of key ceremony steps: one module, one actor shape, the step's facts as details.</summary>
internal static class CeremonyEvents
{
    public const string Module = "pki.ca";

    /// <summary>Who ran the step: the operating-system account that ran the command.</summary>
    public static AuditActor Actor { get; } = new(User: "ceremony:" + Environment.UserName);

    public static AuditEvent Success(string action, string target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = AuditOutcome.Success,
        Actor = Actor,
        Target = target,
        Details = details,
    };
}

using Platform.Auditing;

namespace Server.Cli;

/// <summary>
/// The audit events of the <c>keys</c> commands: module <c>platform</c> (the key stores are the
/// platform's), the operating-system account as actor, as the key ceremony steps record it.
/// </summary>
internal static class KeysEvents
{
    public const string Module = "platform";

    /// <summary>Who ran the command: the operating-system account that ran it.</summary>
    public static AuditActor Actor { get; } = new(User: "ceremony:" + Environment.UserName);

    public static AuditEvent Create(string action, AuditOutcome outcome, string target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = outcome,
        Actor = Actor,
        Target = target,
        Details = details,
    };
}

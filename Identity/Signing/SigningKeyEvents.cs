using Platform.Auditing;

namespace Identity.Signing;

/// <summary>The audit events of token-signing key rotation.</summary>
internal static class SigningKeyEvents
{
    /// <summary>The module the events belong to.</summary>
    public const string Module = "identity";

    /// <summary>A rotation, done or refused.</summary>
    public const string Rotate = "signing-key.rotate";

    /// <summary>Who ran it: the operating-system account that ran the command, as key ceremonies record it.</summary>
    public static AuditActor Actor { get; } = new(User: "ceremony:" + Environment.UserName);

    public static AuditEvent Create(AuditOutcome outcome, string target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = Rotate,
        Outcome = outcome,
        Actor = Actor,
        Target = target,
        Details = details,
    };
}

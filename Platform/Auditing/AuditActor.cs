namespace Platform.Auditing;

/// <summary>Who performed an audited action. Any part may be unknown.</summary>
/// <param name="Subject">The client certificate's subject DN.</param>
/// <param name="Serial">The client certificate's serial number (lowercase hex).</param>
/// <param name="ClientId">An OAuth client id.</param>
/// <param name="User">A user name.</param>
public sealed record AuditActor(string? Subject = null, string? Serial = null, string? ClientId = null, string? User = null)
{
    /// <summary>An unauthenticated caller.</summary>
    public static AuditActor Anonymous { get; } = new();

    /// <summary>The platform itself (bootstrap, schedules).</summary>
    public static AuditActor System { get; } = new(User: "system");
}

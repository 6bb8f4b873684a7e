namespace Platform.Privileges;

/// <summary>
/// The privileges the privilege management infrastructure grants a certificate holder now: the
/// roles, departments and clearance of its valid attribute certificates. Answered from memory,
/// so the identity provider can put them in every token it issues.
/// </summary>
public interface IPrivilegeSource
{
    /// <summary>
    /// What the attribute certificates held by these certificates (serial numbers, lowercase hex)
    /// grant now: only those within their validity, not revoked, whose holder certificate is itself
    /// good now (neither revoked, on hold nor expired).
    /// </summary>
    HeldPrivileges For(IEnumerable<string> holderSerials);
}

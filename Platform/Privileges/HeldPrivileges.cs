namespace Platform.Privileges;

/// <summary>Privileges from attribute certificates (RFC 5755): roles, departments, and the highest clearance, if any.</summary>
/// <param name="Roles">Distinct role names, in order.</param>
/// <param name="Departments">Distinct department names, in order.</param>
/// <param name="Clearance">The highest RFC 5755 clearance class among them (<c>unmarked</c> … <c>topSecret</c>), or null.</param>
public sealed record HeldPrivileges(IReadOnlyList<string> Roles, IReadOnlyList<string> Departments, string? Clearance)
{
    /// <summary>No privileges.</summary>
    public static HeldPrivileges None { get; } = new([], [], null);
}

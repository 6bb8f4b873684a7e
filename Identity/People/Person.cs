namespace Identity.People;

/// <summary>A person in the directory as administrators and the sign-in pages see them: no password, hash or seed.</summary>
/// <param name="Login">The login name (lowercase), unique.</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="Department">The department the person works for.</param>
/// <param name="Roles">The person's roles (e.g. <c>administrator</c>).</param>
/// <param name="Disabled">True when the person may not sign in.</param>
/// <param name="PasswordSet">True when the person has a password.</param>
/// <param name="TotpEnrolled">True when a confirmed authenticator gives the person one-time codes.</param>
/// <param name="Certificates">Serial numbers (lowercase hex) of the certificates bound to the person.</param>
/// <param name="LockedUntil">Until when password sign-in is locked after failures, if it is.</param>
/// <param name="CreatedAt">When the person was added.</param>
/// <param name="UpdatedAt">When the person was last changed by an administrator.</param>
public sealed record Person(
    string Login, string DisplayName, string Department, IReadOnlyList<string> Roles, bool Disabled, bool PasswordSet, bool TotpEnrolled,
    IReadOnlyList<string> Certificates, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>True when the person has the administrator role, for whom a one-time code is mandatory.</summary>
    public bool IsAdministrator => Roles.Contains(Platform.Security.PlatformRoles.Administrator, StringComparer.Ordinal);
}

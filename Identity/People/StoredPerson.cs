namespace Identity.People;

/// <summary>
/// A person as the directory stores them, secrets included (sealed): never answered, never logged.
/// </summary>
/// <param name="Login">The login name (lowercase), the key.</param>
/// <param name="DisplayName">The name shown to people.</param>
/// <param name="Department">The department.</param>
/// <param name="Roles">The roles.</param>
/// <param name="Disabled">True when the person may not sign in.</param>
/// <param name="PasswordHash">The Argon2id PHC string, or null for a person who signs in by certificate only.</param>
/// <param name="TotpSecret">The confirmed one-time-code seed, sealed; null when none is enrolled.</param>
/// <param name="TotpPending">A seed being enrolled, sealed, until a first code confirms it.</param>
/// <param name="TotpLastStep">The last time step whose code was accepted: no code of it or before is accepted again.</param>
/// <param name="FailedAttempts">Failed password sign-ins in a row since the last success or lockout.</param>
/// <param name="LockedUntil">Until when password sign-in is locked.</param>
/// <param name="Certificates">The bound certificates' serial numbers.</param>
/// <param name="CreatedAt">When added.</param>
/// <param name="UpdatedAt">When last changed by an administrator.</param>
public sealed record StoredPerson(
    string Login, string DisplayName, string Department, IReadOnlyList<string> Roles, bool Disabled, string? PasswordHash,
    byte[]? TotpSecret, byte[]? TotpPending, long? TotpLastStep, int FailedAttempts, DateTimeOffset? LockedUntil,
    IReadOnlyList<string> Certificates, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The view without secrets.</summary>
    public Person ToPerson() => new(Login, DisplayName, Department, Roles, Disabled, PasswordHash is not null, TotpSecret is not null,
        Certificates, LockedUntil, CreatedAt, UpdatedAt);

    /// <summary>True when the person has the administrator role.</summary>
    public bool IsAdministrator => Roles.Contains(Platform.Security.PlatformRoles.Administrator, StringComparer.Ordinal);
}

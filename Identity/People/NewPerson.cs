namespace Identity.People;

/// <summary>A person to add, as an administrator asks (unvalidated).</summary>
/// <param name="Login">The login name.</param>
/// <param name="DisplayName">The name shown.</param>
/// <param name="Department">The department.</param>
/// <param name="Password">A first password, or null for sign-in by certificate only.</param>
/// <param name="Roles">Roles, or null for none.</param>
public sealed record NewPerson(string? Login, string? DisplayName, string? Department, string? Password, IReadOnlyList<string>? Roles);

namespace Identity.People;

/// <summary>What logins, display names, departments and roles may be.</summary>
internal static class PersonNames
{
    /// <summary>The most roles a person may have.</summary>
    public const int MaxRoles = 16;

    /// <summary>
    /// The login as stored (lowercase), or null when it is not one. Logins are compared in
    /// lowercase so that <c>Alice</c> and <c>alice</c> cannot be two people; only ASCII is
    /// allowed, so no two logins look alike.
    /// </summary>
    public static string? NormalizeLogin(string? login)
    {
        if (login is not { Length: > 0 and <= 64 })
        {
            return null;
        }

        var lower = login.ToLowerInvariant();
        return char.IsAsciiLetterOrDigit(lower[0]) && lower.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-' or '@')
            ? lower
            : null;
    }

    public static bool IsDisplayName(string? name) =>
        name is { Length: > 0 and <= 128 } && name.Trim().Length == name.Length && !name.Any(char.IsControl);

    /// <summary>The same names the attribute authority gives departments and roles, so they carry over into privileges.</summary>
    public static bool IsName(string? value) => Platform.Authorization.EntityNames.IsValid(value);

    public static bool AreRoles(IReadOnlyList<string>? roles) =>
        roles is null || (roles.Count <= MaxRoles && roles.All(IsName) && roles.Distinct(StringComparer.Ordinal).Count() == roles.Count);
}

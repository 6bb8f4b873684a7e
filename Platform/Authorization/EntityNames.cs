namespace Platform.Authorization;

/// <summary>
/// The one rule for the names of roles and departments, wherever they are given (attribute
/// certificates, delegations, people, the registration authority's departments): 1 to 64 ASCII
/// letters, digits, '.', '_' and '-', so a name is the same Cedar entity id everywhere.
/// </summary>
public static class EntityNames
{
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

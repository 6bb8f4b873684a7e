namespace Pmi.Authorization.AttributeAuthority;

/// <summary>The one rule for role names, shared by grants, delegations and separation-of-duty constraints.</summary>
internal static class RoleNames
{
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Whether one delegation covers a grant or a sub-delegation in all three of its bounds: every role,
/// every department, and a clearance no higher than its own. One delegation must cover all of it:
/// a role from one delegation and a department from another would be a grant neither made.
/// </summary>
internal static class DelegationScope
{
    /// <summary>The delegations among <paramref name="active"/> that cover the whole request.</summary>
    public static List<Delegation> Covering(IEnumerable<Delegation> active, IReadOnlyList<string> roles, IReadOnlyList<string> departments, int? clearance) =>
        [.. active.Where(d => CoversRoles(d, roles) && CoversDepartments(d, departments) && CoversClearance(d, clearance))];

    /// <summary>
    /// Null when some delegation covers the whole request; otherwise the first bound (roles, then
    /// departments, then clearance) that no delegation covering the earlier bounds covers, in words.
    /// </summary>
    public static string? Exceeded(IReadOnlyList<Delegation> active, IReadOnlyList<string> roles, IReadOnlyList<string> departments, int? clearance)
    {
        var byRoles = active.Where(d => CoversRoles(d, roles)).ToList();
        if (byRoles.Count == 0)
        {
            var outside = roles.Where(role => !active.Any(d => d.Roles.Contains(role, StringComparer.Ordinal))).ToList();
            return outside.Count > 0 ? $"the roles {string.Join(", ", outside)}" : $"the roles {string.Join(", ", roles)} together";
        }

        var byDepartments = byRoles.Where(d => CoversDepartments(d, departments)).ToList();
        if (byDepartments.Count == 0)
        {
            return $"the departments {string.Join(", ", departments)} for these roles";
        }

        return byDepartments.Any(d => CoversClearance(d, clearance))
            ? null
            : $"the clearance {Rfc5755Attributes.Classes[clearance!.Value]} for these roles and departments";
    }

    private static bool CoversRoles(Delegation d, IReadOnlyList<string> roles) => roles.All(role => d.Roles.Contains(role, StringComparer.Ordinal));

    private static bool CoversDepartments(Delegation d, IReadOnlyList<string> departments) =>
        departments.All(department => d.Departments.Contains(department, StringComparer.Ordinal));

    private static bool CoversClearance(Delegation d, int? clearance) => clearance is null || (d.MaxClearance is { } max && clearance <= max);
}

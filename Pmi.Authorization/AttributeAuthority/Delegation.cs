namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// A stored delegation: <paramref name="DelegateSerial"/> may grant <paramref name="Roles"/> (within
/// <see cref="Departments"/> and up to <see cref="MaxClearance"/>) and delegate them further,
/// <paramref name="MaxDepth"/> steps below itself; <paramref name="ParentId"/> is null when the attribute
/// authority itself delegated.
/// </summary>
internal sealed record Delegation(
    string Id, string DelegateSerial, IReadOnlyList<string> Roles, int MaxDepth, string? ParentId,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt)
{
    /// <summary>The departments a grant under it may name; empty: none (a grant without a department only).</summary>
    public IReadOnlyList<string> Departments { get; init; } = [];

    /// <summary>The highest clearance a grant under it may carry (index into <see cref="Rfc5755Attributes.Classes"/>); null: none.</summary>
    public int? MaxClearance { get; init; }
}

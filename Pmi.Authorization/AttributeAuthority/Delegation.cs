namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// A stored delegation: <paramref name="DelegateSerial"/> may grant <paramref name="Roles"/> and delegate
/// them further, <paramref name="MaxDepth"/> steps below itself; <paramref name="ParentId"/> is null when the
/// attribute authority itself delegated.
/// </summary>
internal sealed record Delegation(
    string Id, string DelegateSerial, IReadOnlyList<string> Roles, int MaxDepth, string? ParentId,
    DateTimeOffset NotBefore, DateTimeOffset NotAfter, DateTimeOffset? RevokedAt);

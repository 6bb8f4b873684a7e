namespace Platform.Authorization;

/// <summary>The decision point's answer.</summary>
/// <param name="IsAllowed">True only when a policy allows and none forbids.</param>
/// <param name="DeterminingPolicies">The ids of the policies that decided: the permits that allowed, or the forbids that denied (none for a default deny).</param>
/// <param name="Errors">Policies skipped because their condition raised an error, as <c>id: message</c>.</param>
/// <param name="RefusalCode">When the question could not be decided (its resource does not fit the schema, say): the problem code; the answer is then a deny.</param>
/// <param name="RefusalDetail">Why it could not be decided.</param>
/// <param name="ValidUntil">
/// When the same question may be decided otherwise by the clock alone (a privilege it relied on
/// ends, or one begins), though nothing is changed; null when no such time is known.
/// </param>
public sealed record AuthorizationDecision(
    bool IsAllowed,
    IReadOnlyList<string> DeterminingPolicies,
    IReadOnlyList<string> Errors,
    string? RefusalCode = null,
    string? RefusalDetail = null,
    DateTimeOffset? ValidUntil = null)
{
    /// <summary>A question the decision point could not decide: denied, with the reason.</summary>
    public static AuthorizationDecision Refused(string code, string detail) => new(false, [], [], code, detail);
}

namespace Identity.People;

/// <summary>Changes to a person; a null member stays as it is.</summary>
/// <param name="Disabled">True disables sign-in, false enables it again.</param>
/// <param name="DisplayName">A new display name.</param>
/// <param name="Department">A new department.</param>
/// <param name="Roles">The new roles (replacing the old ones).</param>
/// <param name="Password">A new password (a reset: it also lifts a lockout).</param>
/// <param name="Locked">False lifts a lockout now.</param>
public sealed record PersonPatch(bool? Disabled, string? DisplayName, string? Department, IReadOnlyList<string>? Roles, string? Password, bool? Locked)
{
    /// <summary>The names of the members given, as the API spells them.</summary>
    public IReadOnlyList<string> Fields() =>
    [
        .. Disabled is null ? Array.Empty<string>() : ["disabled"],
        .. DisplayName is null ? Array.Empty<string>() : ["displayName"],
        .. Department is null ? Array.Empty<string>() : ["department"],
        .. Roles is null ? Array.Empty<string>() : ["roles"],
        .. Password is null ? Array.Empty<string>() : ["password"],
        .. Locked is null ? Array.Empty<string>() : ["locked"],
    ];
}

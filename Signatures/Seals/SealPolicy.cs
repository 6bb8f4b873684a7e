namespace Signatures.Seals;

/// <summary>
/// The seal policy the module ships (<see cref="Platform.Authorization.DefaultPolicies"/>): people of a
/// department holding the role <c>seal-user</c> may seal with that department's seal. The resource is
/// <c>Seal::"&lt;department&gt;"</c> with the attribute <c>department</c>; administrators edit the policy
/// with the rest of the platform's policies.
/// </summary>
internal static class SealPolicy
{
    /// <summary>The Cedar action of sealing.</summary>
    public const string Action = "seal";

    /// <summary>The Cedar entity type of a seal.</summary>
    public const string ResourceType = "Seal";

    /// <summary>The Cedar entity type of a department.</summary>
    public const string DepartmentType = "Department";

    public const string Default = """
        @id("seal-users-seal")
        permit(principal in Role::"seal-user", action == Action::"seal", resource is Seal)
        when { principal in resource.department };
        """;
}

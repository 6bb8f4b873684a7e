namespace Pki.Ca.Escrow;

/// <summary>
/// The key-recovery policy the CA ships (<see cref="Platform.Authorization.DefaultPolicies"/>): a
/// department's key-recovery officers (role <c>key-recovery-officer</c>) open and approve the
/// recovery of its escrowed keys. Dual control (two different officers) is the platform's own
/// rule, which no policy changes. Administrators edit it with the rest of the platform's policies.
/// </summary>
internal static class EscrowPolicy
{
    public const string Default = """
        @id("key-recovery-officers-recover")
        permit(principal in Role::"key-recovery-officer", action == Action::"recoverEscrowedKey", resource is Department)
        when { principal in resource };
        """;
}

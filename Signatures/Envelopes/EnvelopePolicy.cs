namespace Signatures.Envelopes;

/// <summary>
/// The decryption policy the module ships (<see cref="Platform.Authorization.DefaultPolicies"/>): a
/// department's decryption officers (role <c>decryption-officer</c>) may open documents encrypted
/// to its escrowed keys. Administrators edit it with the rest of the platform's policies.
/// </summary>
internal static class EnvelopePolicy
{
    public const string DecryptAction = "decrypt";

    public const string Role = "decryption-officer";

    public const string Default = """
        @id("decryption-officers-decrypt")
        permit(principal in Role::"decryption-officer", action == Action::"decrypt", resource is Department)
        when { principal in resource };
        """;
}

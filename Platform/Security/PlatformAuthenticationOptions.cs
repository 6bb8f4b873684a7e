namespace Platform.Security;

/// <summary>What the platform's default authentication scheme accepts besides client certificates.</summary>
public sealed class PlatformAuthenticationOptions
{
    /// <summary>Whether a module registered <see cref="PlatformAuthentication.BearerScheme"/> for bearer tokens.</summary>
    public bool BearerTokens { get; set; }
}

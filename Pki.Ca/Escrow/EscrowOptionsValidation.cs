using Pki.Ca.Profiles;

namespace Pki.Ca.Escrow;

/// <summary>The escrow's settings, checked at start so that a bad one refuses to boot.</summary>
internal static class EscrowOptionsValidation
{
    // Key usage names are read without regard to case, as profiles read them.
    private static readonly HashSet<string> Signing = new(["digitalSignature", "contentCommitment", "nonRepudiation"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The encryption profile exists and never signs: the platform holds a copy of its key, so a
    /// signature by it would prove nothing of its holder (GM/T 0014 keeps signing keys with their holder).
    /// </summary>
    public static void Validate(CaOptions options)
    {
        var registration = options.Registration;
        CaOptions.Require(registration.KeyRecoveryLifetime >= TimeSpan.FromSeconds(1) && registration.KeyRecoveryLifetime <= TimeSpan.FromDays(30),
            "Registration:KeyRecoveryLifetime must be between 00:00:01 and 30.00:00:00.");
        var name = registration.EncryptionProfile;
        var profile = options.Profiles.TryGetValue(name, out var configured) ? configured : BuiltInProfiles.All.GetValueOrDefault(name);
        CaOptions.Require(profile is not null, $"Registration:EncryptionProfile '{name}' is not a certificate profile.");
        CaOptions.Require(!profile!.KeyUsage.Any(u => Signing.Contains(u))
            && profile.Roles.Count == 0 && profile.ExtendedKeyUsage.Count == 0,
            $"Registration:EncryptionProfile '{name}' must not sign (digitalSignature, contentCommitment), carry roles or extended key usages: the platform holds its keys.");
    }
}

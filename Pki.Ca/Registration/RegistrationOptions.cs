namespace Pki.Ca;

/// <summary><c>Pki:Registration</c>: how departments' certificate requests are handled.</summary>
public sealed class RegistrationOptions
{
    /// <summary>How long a request waits for its officers before it expires, unissued (<c>d.hh:mm:ss</c>; 3 days by default).</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a one-time EST enrollment secret can be used (<c>d.hh:mm:ss</c>; 1 day by default).</summary>
    public TimeSpan EnrollmentSecretLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The profile of the encryption certificate issued, with an escrowed key the platform generates,
    /// beside a request's signing certificate when the request asks for a dual pair (<c>encryption</c> by default).
    /// </summary>
    public string EncryptionProfile { get; set; } = "encryption";

    /// <summary>How long an opened key recovery waits for a second key-recovery officer before it expires, releasing nothing (1 day by default).</summary>
    public TimeSpan KeyRecoveryLifetime { get; set; } = TimeSpan.FromDays(1);
}

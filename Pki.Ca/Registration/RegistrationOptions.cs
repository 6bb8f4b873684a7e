namespace Pki.Ca;

/// <summary><c>Pki:Registration</c>: how departments' certificate requests are handled.</summary>
public sealed class RegistrationOptions
{
    /// <summary>How long a request waits for its officers before it expires, unissued (<c>d.hh:mm:ss</c>; 3 days by default).</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromDays(3);

    /// <summary>How long a one-time EST enrollment secret can be used (<c>d.hh:mm:ss</c>; 1 day by default).</summary>
    public TimeSpan EnrollmentSecretLifetime { get; set; } = TimeSpan.FromDays(1);
}

namespace Pki.Ca;

/// <summary><c>Pki:Registration</c>: how departments' certificate requests are handled.</summary>
public sealed class RegistrationOptions
{
    /// <summary>How long a request waits for its officers before it expires, unissued.</summary>
    public double RequestLifetimeHours { get; set; } = 72;
}

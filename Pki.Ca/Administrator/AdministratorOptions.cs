namespace Pki.Ca;

/// <summary>The <c>Pki:Administrator</c> section: the warning before the administrator certificate expires.</summary>
public sealed class AdministratorOptions
{
    /// <summary>Warn when the administrator certificate expires within this many days (default 30).</summary>
    public int ExpiryWarningDays { get; set; } = 30;

    /// <summary>How often, in hours, the expiry is checked again after the check at start (default 24).</summary>
    public double ExpiryCheckHours { get; set; } = 24;
}

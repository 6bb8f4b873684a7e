namespace Platform.Security;

/// <summary>What the platform concluded about a client certificate.</summary>
/// <param name="IsValid">True when it is ours, current and fit for client authentication.</param>
/// <param name="Subject">Its subject DN.</param>
/// <param name="Serial">Its serial number, lowercase hex.</param>
/// <param name="Roles">The platform roles it carries.</param>
/// <param name="Failure">Why it is not valid, safe to show the caller.</param>
public sealed record ClientCertificateResult(bool IsValid, string? Subject, string? Serial, IReadOnlyList<string> Roles, string? Failure)
{
    /// <summary>A refusal with a reason.</summary>
    public static ClientCertificateResult Refused(string failure, string? subject = null, string? serial = null) =>
        new(false, subject, serial, [], failure);
}

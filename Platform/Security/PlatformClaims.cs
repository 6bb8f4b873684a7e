namespace Platform.Security;

/// <summary>Claim types the platform's authentication puts on a principal.</summary>
public static class PlatformClaims
{
    /// <summary>The client certificate's subject DN.</summary>
    public const string CertificateSubject = "platform:cert-subject";

    /// <summary>The client certificate's serial number (lowercase hex).</summary>
    public const string CertificateSerial = "platform:cert-serial";
}

namespace Pki.Ca.Storage;

/// <summary>A certificate's status as the API reports it.</summary>
public enum CertificateStatus
{
    /// <summary>Current and not revoked.</summary>
    Valid,
    /// <summary>Revoked.</summary>
    Revoked,
    /// <summary>Past its notAfter, not revoked.</summary>
    Expired,
}

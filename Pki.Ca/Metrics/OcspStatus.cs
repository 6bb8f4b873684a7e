namespace Pki.Ca.Metrics;

/// <summary>What an OCSP response says, as the metrics count it.</summary>
public enum OcspStatus
{
    /// <summary>Successful, and every certificate asked about is good.</summary>
    Good,

    /// <summary>Successful, and a certificate asked about is revoked.</summary>
    Revoked,

    /// <summary>Successful, and a certificate asked about is not one this CA issued (none revoked).</summary>
    Unknown,

    /// <summary>Not successful: malformedRequest, unauthorized, internalError or tryLater.</summary>
    Error,
}

namespace Pki.Ca.Storage;

/// <summary>An issued certificate, as the repository keeps it.</summary>
public sealed record CertificateRecord
{
    /// <summary>Serial number, lowercase hex without leading zeros.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>The issuing CA's name.</summary>
    public required string CaName { get; init; }

    /// <summary>Subject DN as text.</summary>
    public required string Subject { get; init; }

    /// <summary>The profile it was issued under.</summary>
    public required string Profile { get; init; }

    /// <summary>Start of validity.</summary>
    public required DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>The certificate, DER.</summary>
    public required byte[] Certificate { get; init; }

    /// <summary>Who asked for it (certificate subject and serial of the requester, or <c>system</c>).</summary>
    public required string RequestedBy { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it was revoked; null while it is not.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>The RFC 5280 revocation reason name; null while not revoked.</summary>
    public string? RevocationReason { get; init; }

    /// <summary>When the key is known or suspected to have been compromised, if the revoker said.</summary>
    public DateTimeOffset? InvalidityDate { get; init; }

    /// <summary>Its status at <paramref name="now"/>.</summary>
    public CertificateStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? CertificateStatus.Revoked
        : NotAfter <= now ? CertificateStatus.Expired
        : CertificateStatus.Valid;
}

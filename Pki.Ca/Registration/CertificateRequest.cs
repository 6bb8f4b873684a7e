namespace Pki.Ca.Registration;

/// <summary>Where a department's certificate request stands.</summary>
internal enum CertificateRequestStatus
{
    /// <summary>Waiting for its officers' approvals.</summary>
    Pending,

    /// <summary>Approved and issued: the certificate can be fetched.</summary>
    Issued,

    /// <summary>Refused by an officer.</summary>
    Rejected,

    /// <summary>Not decided within <c>Pki:Registration:RequestLifetime</c>; nothing was issued.</summary>
    Expired,
}

/// <summary>How a status is written: in the API, the database and messages alike.</summary>
internal static class CertificateRequestStatusNames
{
    public static string Name(this CertificateRequestStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>One approval of a request: by whom (stable key and readable name), when, with what comment.</summary>
internal sealed record RequestApproval(string Officer, string OfficerName, string? Comment, DateTimeOffset ApprovedAt);

/// <summary>
/// A certificate request of a department, as stored: <see cref="Requester"/> is the submitter's
/// stable key (separation of duty compares it), <see cref="RequesterName"/> and
/// <see cref="ClosedBy"/> name people as shown. Its status is read at a time
/// (<see cref="StatusAt"/>): a pending request past its expiry is expired without anyone writing it.
/// </summary>
internal sealed record CertificateRequest(
    string Id,
    string Department,
    string Profile,
    string Csr,
    string Subject,
    string Requester,
    string RequesterName,
    CertificateRequestStatus StoredStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? ClosedAt,
    string? ClosedBy,
    string? Comment,
    string? Serial,
    IReadOnlyList<RequestApproval> Approvals)
{
    /// <summary>Whether the request asks for a dual pair: an encryption certificate, with a key the platform generates and escrows, beside the signing one.</summary>
    public bool EncryptionCertificate { get; init; }

    public CertificateRequestStatus StatusAt(DateTimeOffset now) =>
        StoredStatus == CertificateRequestStatus.Pending && now >= ExpiresAt ? CertificateRequestStatus.Expired : StoredStatus;
}

using Pki.Ca.Issuance;
using Platform.Auditing;

namespace Pki.Ca.Registration;

/// <summary>
/// Departments and their certificate requests, in the CA's database. Every change commits with
/// its audit event; every step of a request is a conditional update, so two officers, two nodes
/// or a retried write cannot move a request twice.
/// </summary>
internal interface IRegistrationStore
{
    /// <summary>Adds the department; false when one of that name exists.</summary>
    Task<bool> TryAddDepartmentAsync(Department department, AuditEvent created, CancellationToken cancellationToken);

    /// <summary>Replaces the department's definition; false when there is none of that name.</summary>
    Task<bool> TryUpdateDepartmentAsync(Department department, AuditEvent updated, CancellationToken cancellationToken);

    Task<Department?> GetDepartmentAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> departments by name after <paramref name="after"/> (exclusive), whose name or
    /// display name contains <paramref name="search"/> (case-insensitive) when given.
    /// </summary>
    Task<IReadOnlyList<Department>> ListDepartmentsAsync(string? search, string? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new pending request unless its department's valid certificates and open requests
    /// already reach <paramref name="quota"/> (counted in the same transaction); false then.
    /// </summary>
    Task<bool> TryAddRequestAsync(CertificateRequest request, int? quota, AuditEvent submitted, CancellationToken cancellationToken);

    Task<CertificateRequest?> GetRequestAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// The newest request of <paramref name="requester"/> for <paramref name="department"/> whose CSR
    /// has the hash <paramref name="csrSha256"/> (<see cref="CsrFingerprint.Of"/>), or null.
    /// </summary>
    Task<CertificateRequest?> FindRequestAsync(string department, string requester, string csrSha256, CancellationToken cancellationToken);

    /// <summary>
    /// Requests newest first: every one when <see cref="RequestQuery.Departments"/> is null, else
    /// those of the departments given and those <see cref="RequestQuery.Requester"/> submitted; of
    /// <see cref="RequestQuery.Department"/> only when given; in a status (any when null), before a cursor.
    /// </summary>
    Task<IReadOnlyList<CertificateRequest>> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="approval"/> of a request still pending at <paramref name="now"/>.
    /// When it is the last of <paramref name="required"/>, the request is issued in the same
    /// transaction with <paramref name="certificate"/>; when that is needed but not given, nothing
    /// is written and <see cref="ApprovalOutcome.CertificateNeeded"/> says to sign and try again.
    /// <paramref name="approved"/> makes the approval's event from its number (1 for the first).
    /// A dual pair's <paramref name="encryption"/> certificate and escrowed key commit with it.
    /// </summary>
    Task<ApprovalOutcome> ApproveAsync(
        string id, RequestApproval approval, int required, SignedCertificate? certificate, Func<int, AuditEvent> approved, DateTimeOffset now,
        Escrow.EscrowedPair? encryption, CancellationToken cancellationToken);

    /// <summary>Stores a new enrollment secret (its hash).</summary>
    Task AddEnrollmentSecretAsync(EnrollmentSecret secret, AuditEvent created, CancellationToken cancellationToken);

    /// <summary>The enrollment secret, with the department it is of; null when there is none of that id.</summary>
    Task<(EnrollmentSecret Secret, Department Department)?> GetEnrollmentSecretAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Uses the secret for <paramref name="certificate"/>: in one transaction, if the secret is
    /// still unused and unexpired at <paramref name="now"/> and the department's quota allows,
    /// marks it used and stores the certificate with its event. What stood in the way otherwise.
    /// </summary>
    Task<EnrollmentOutcome> EnrollAsync(
        EnrollmentSecret secret, int? quota, SignedCertificate certificate, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Rejects a request still pending at <paramref name="now"/>, naming the officer as shown; false when it is not.</summary>
    Task<bool> RejectAsync(string id, string officerName, string? comment, AuditEvent rejected, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IRegistrationStore.ApproveAsync"/> did.</summary>
internal enum ApprovalOutcome
{
    /// <summary>The approval is recorded; more are needed.</summary>
    Recorded,

    /// <summary>The approval was the last needed: the certificate is issued.</summary>
    Issued,

    /// <summary>The request is no longer pending.</summary>
    Closed,

    /// <summary>This officer approved it before.</summary>
    Repeated,

    /// <summary>This approval completes the request, and no certificate was given to issue.</summary>
    CertificateNeeded,
}

/// <summary>What <see cref="IRegistrationStore.EnrollAsync"/> did.</summary>
internal enum EnrollmentOutcome
{
    /// <summary>The certificate is issued; the secret is spent.</summary>
    Issued,

    /// <summary>The secret was used, or expired, before.</summary>
    SecretSpent,

    /// <summary>The department holds its quota of certificates.</summary>
    QuotaExceeded,
}

/// <summary>A page of requests.</summary>
internal sealed record RequestQuery(
    IReadOnlyCollection<string>? Departments, string? Requester, string? Department, CertificateRequestStatus? Status, DateTimeOffset Now, int Limit,
    (long CreatedAt, string Id)? Before);

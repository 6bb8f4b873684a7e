using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pki.Ca.Registration;

/// <summary>A department as the API shows it.</summary>
public sealed record DepartmentResponse(
    string Name, string DisplayName, string? Organization, IReadOnlyList<string> DnsSuffixes, IReadOnlyList<string> EmailDomains,
    IReadOnlyList<string> Profiles, int? MaxCertificates, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// <c>POST /pki/requests</c>: a PEM CSR, the profile, and the department it is for; with
/// <c>encryptionCertificate</c> true, a dual pair (an encryption certificate with an escrowed key beside the signing one).
/// </summary>
public sealed record CertificateRequestSubmission([property: Required] string? Csr, [property: Required] string? Profile, [property: Required] string? Department, bool? EncryptionCertificate = null);

/// <summary>The answer to a submission: the request's id and its status, <c>pending</c>.</summary>
public sealed record CertificateRequestAccepted(string Id, string Status, DateTimeOffset ExpiresAt);

/// <summary>An officer's approval or rejection, with an optional comment (required to reject).</summary>
public sealed record CertificateRequestDecision(string? Comment);

/// <summary>One approval of a request.</summary>
public sealed record ApprovalResponse(string Officer, string? Comment, DateTimeOffset ApprovedAt);

/// <summary>
/// A request as the API shows it; <c>certificate</c> and <c>chain</c> once issued, and for a dual
/// pair (<c>encryptionCertificate</c>) its <c>encryption</c> half. <c>submittedByCaller</c> and
/// <c>approvedByCaller</c> say, for whoever reads it, what separation of duty will refuse: an
/// officer neither decides their own request nor approves one twice.
/// </summary>
public sealed record CertificateRequestResponse(
    string Id, string Department, string Profile, string Subject, string Status, string Requester, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    int ApprovalsRequired, IReadOnlyList<ApprovalResponse> Approvals, DateTimeOffset? ClosedAt, string? ClosedBy, string? Comment,
    string? SerialNumber, string? Certificate, IReadOnlyList<string>? Chain, bool EncryptionCertificate = false,
    Escrow.EncryptionPairResponse? Encryption = null, bool SubmittedByCaller = false, bool ApprovedByCaller = false);

/// <summary>A page of requests, newest first; <c>next</c> is the cursor of the next page.</summary>
public sealed record CertificateRequestListResponse(IReadOnlyList<CertificateRequestResponse> Items, string? Next);

/// <summary><c>POST /pki/departments/{name}/enrollment-secrets</c>: the profile, and the subject the certificate must have, if any.</summary>
public sealed record EnrollmentSecretRequest([property: Required] string? Profile, string? Subject);

/// <summary>A one-time EST enrollment secret: shown once; the EST client presents <c>id:secret</c> with HTTP Basic.</summary>
public sealed record EnrollmentSecretResponse(string Id, string Secret, string Department, string Profile, string? Subject, DateTimeOffset ExpiresAt);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(EnrollmentSecretRequest))]
[JsonSerializable(typeof(EnrollmentSecretResponse))]
[JsonSerializable(typeof(DepartmentDefinition))]
[JsonSerializable(typeof(DepartmentResponse))]
[JsonSerializable(typeof(IReadOnlyList<DepartmentResponse>))]
[JsonSerializable(typeof(CertificateRequestSubmission))]
[JsonSerializable(typeof(CertificateRequestAccepted))]
[JsonSerializable(typeof(CertificateRequestDecision))]
[JsonSerializable(typeof(CertificateRequestResponse))]
[JsonSerializable(typeof(CertificateRequestListResponse))]
internal sealed partial class RegistrationJsonContext : JsonSerializerContext;

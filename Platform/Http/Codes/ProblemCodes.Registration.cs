using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The registration authority's codes: departments and their certificate requests.</summary>
public static partial class ProblemCodes
{
    /// <summary>No such department.</summary>
    public static readonly ProblemCode DepartmentUnknown = new("department-unknown", Status404NotFound, "There is no department of that name.");

    /// <summary>A department of that name exists.</summary>
    public static readonly ProblemCode DepartmentExists = new("department-exists", Status409Conflict, "A department of that name exists already.");

    /// <summary>The department's description breaks a rule.</summary>
    public static readonly ProblemCode DepartmentDefinitionInvalid = new("department-definition-invalid", Status400BadRequest,
        "The department's name, name spaces, profiles or quota break a rule; the detail says which.");

    /// <summary>The department may not use the profile.</summary>
    public static readonly ProblemCode ProfileNotAllowed = new("profile-not-allowed", Status403Forbidden,
        "The department may not request certificates of that profile.");

    /// <summary>A name in the CSR is outside the department's name spaces.</summary>
    public static readonly ProblemCode CsrNameOutsideDepartment = new("csr-name-outside-department", Status403Forbidden,
        "A name in the CSR (DNS name, e-mail address or organisation) is outside the name spaces of the department.");

    /// <summary>The department has as many certificates as its quota allows.</summary>
    public static readonly ProblemCode DepartmentQuotaExceeded = new("department-quota-exceeded", Status403Forbidden,
        "The department holds as many valid certificates, with its requests still open, as its quota allows.");

    /// <summary>The decision point does not allow the caller this registration step.</summary>
    public static readonly ProblemCode RegistrationDenied = new("registration-denied", Status403Forbidden,
        "The platform's registration policy does not allow you this step for that department.");

    /// <summary>No decision point to ask.</summary>
    public static readonly ProblemCode RegistrationUnavailable = new("registration-unavailable", Status503ServiceUnavailable,
        "Registration needs the platform's decision point, which this node cannot reach.");

    /// <summary>No such certificate request.</summary>
    public static readonly ProblemCode CertificateRequestUnknown = new("certificate-request-unknown", Status404NotFound,
        "There is no certificate request with that id.");

    /// <summary>The request was decided, or has expired.</summary>
    public static readonly ProblemCode CertificateRequestClosed = new("certificate-request-closed", Status409Conflict,
        "The certificate request is no longer pending: it was issued, rejected, or has expired.");

    /// <summary>Separation of duty: the requester cannot approve or reject their own request.</summary>
    public static readonly ProblemCode ApproverIsRequester = new("approver-is-requester", Status403Forbidden,
        "Whoever submitted a certificate request cannot approve or reject it.");

    /// <summary>The officer already approved the request.</summary>
    public static readonly ProblemCode ApprovalRepeated = new("approval-repeated", Status409Conflict,
        "You already approved this request; its profile needs the approval of another officer.");

    /// <summary>An officer's comment breaks a rule.</summary>
    public static readonly ProblemCode CommentInvalid = new("comment-invalid", Status400BadRequest,
        "The comment is too long or holds control characters.");

    /// <summary>An EST body is not base64 of DER.</summary>
    public static readonly ProblemCode EstBodyInvalid = new("est-body-invalid", Status400BadRequest,
        "The EST request body is not the base64 encoding of a DER PKCS#10 request (RFC 7030 §4.2.1).");

    /// <summary>A re-enrollment asks for other names than the certificate it renews.</summary>
    public static readonly ProblemCode ReenrollmentSubjectChanged = new("reenrollment-subject-changed", Status400BadRequest,
        "A re-enrollment's subject and subject alternative names must be those of the certificate it renews (RFC 7030 §4.2.2).");

    /// <summary>An EST enrollment secret that does not (or no longer) open anything.</summary>
    public static readonly ProblemCode EnrollmentSecretRefused = new("enrollment-secret-refused", Status401Unauthorized,
        "The enrollment secret is unknown, spent or expired.");
}

using Platform.Auditing;
using Platform.Http;

namespace Pki.Ca.Registration;

/// <summary>EST <c>simpleenroll</c> by client certificate alone: manual approval (RFC 7030 §4.2.3).</summary>
internal sealed partial class RegistrationAuthority
{
    /// <summary>
    /// The certificate request <paramref name="csrPem"/> makes for <paramref name="department"/>,
    /// the department an EST path label named. The first time, it is submitted as
    /// <c>POST /pki/requests</c> would submit it (the decision point decides whether the caller may
    /// request for the department), under the department's first profile; the same CSR from the same
    /// caller again finds that request: pending or issued it is the value, rejected or expired a refusal.
    /// </summary>
    public async Task<RegistrationResult<CertificateRequest>> EnrollForApprovalAsync(
        RegistrationCaller caller, Department department, string csrPem, CancellationToken cancellationToken)
    {
        var existing = CsrFingerprint.Of(csrPem) is { } hash ? await store.FindRequestAsync(department.Name, caller.Principal.Key, hash, cancellationToken) : null;
        if (existing is null)
        {
            return await SubmitAsync(caller, new CertificateRequestSubmission(csrPem, department.Profiles[0], department.Name), cancellationToken);
        }

        const string action = RegistrationEvents.Enroll;
        var target = $"request:{existing.Id}";
        var status = existing.StatusAt(time.GetUtcNow());
        if (status is CertificateRequestStatus.Pending or CertificateRequestStatus.Issued)
        {
            // Asking again is a step of its own: the trail shows when the client learnt the outcome.
            await audit.RecordAsync(RegistrationEvents.Of(caller, action, AuditOutcome.Success, target, new()
            {
                ["department"] = department.Name,
                ["status"] = status.Name(),
                ["serial"] = existing.Serial ?? "",
            }), cancellationToken);
            return new(existing);
        }

        var detail = status == CertificateRequestStatus.Rejected
            ? $"Request {existing.Id} was rejected by {existing.ClosedBy}{(existing.Comment is { Length: > 0 } comment ? ": " + comment : ".")} Enroll again with a new key."
            : $"Request {existing.Id} expired before its officers decided it. Enroll again with a new key.";
        return await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.EstRequestRefused, detail, cancellationToken, AuditOutcome.Denied);
    }
}

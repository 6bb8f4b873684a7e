using Microsoft.Extensions.Options;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;

namespace Pki.Ca.Registration;

/// <summary>
/// The registration authority: departments, and their people's certificate requests from
/// submission through approval to issuance. Who may request for a department, and who may
/// review (approve, reject, read) its requests, is the platform's decision point's answer to
/// <c>Action::"requestCertificate"</c> and <c>Action::"reviewCertificateRequest"</c> on
/// <c>Department::"&lt;name&gt;"</c> (context: the profile). What no policy can change: the
/// department's name spaces, profiles and quota; the requester never reviews their own request;
/// a profile's second approval comes from a second officer; a request expires unissued. Every
/// step, allowed or refused, is an audit event; the last approval and the certificate it issues
/// commit in one transaction.
/// </summary>
internal sealed partial class RegistrationAuthority(
    IRegistrationStore store, CertificateIssuer issuer, ProfileCatalog profiles, IAuditTrail audit, TimeProvider time, IOptions<CaOptions> options,
    Escrow.EncryptionCertificateIssuer encryption, Escrow.EncryptionPairReader pairs, IAuthorizationDecisionPoint? decisions = null)
{
    public const string RequestAction = "requestCertificate";
    public const string ReviewAction = "reviewCertificateRequest";
    public const string DepartmentEntityType = "Department";

    private const int MaxComment = 1000;

    public async Task<RegistrationResult<Department>> DefineAsync(
        RegistrationCaller caller, string name, DepartmentDefinition definition, bool create, CancellationToken cancellationToken)
    {
        var action = create ? RegistrationEvents.DepartmentCreate : RegistrationEvents.DepartmentUpdate;
        var now = time.GetUtcNow();
        var existing = create ? null : await store.GetDepartmentAsync(name, cancellationToken);
        if (!create && existing is null)
        {
            return await RefuseAsync<Department>(caller, action, Printable(name), ProblemCodes.DepartmentUnknown, $"There is no department '{Printable(name)}'.", cancellationToken);
        }

        var (department, error) = definition.Validate(name, profiles, existing?.CreatedAt ?? now, now);
        if (department is null)
        {
            return await RefuseAsync<Department>(caller, action, Printable(name), ProblemCodes.DepartmentDefinitionInvalid, error!, cancellationToken);
        }

        var recorded = RegistrationEvents.Of(caller, action, AuditOutcome.Success, name, new()
        {
            ["profiles"] = string.Join(',', department.Profiles),
            ["dnsSuffixes"] = string.Join(',', department.DnsSuffixes),
            ["emailDomains"] = string.Join(',', department.EmailDomains),
            ["organization"] = department.Organization ?? "",
            ["maxCertificates"] = department.MaxCertificates?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
        var stored = create
            ? await store.TryAddDepartmentAsync(department, recorded, cancellationToken)
            : await store.TryUpdateDepartmentAsync(department, recorded, cancellationToken);
        return stored
            ? new(department)
            : await RefuseAsync<Department>(caller, action, name, create ? ProblemCodes.DepartmentExists : ProblemCodes.DepartmentUnknown,
                create ? $"Department '{name}' exists already; change it with PUT." : $"There is no department '{name}'.", cancellationToken);
    }

    public async Task<RegistrationResult<CertificateRequest>> SubmitAsync(
        RegistrationCaller caller, CertificateRequestSubmission submission, CancellationToken cancellationToken)
    {
        const string action = RegistrationEvents.Submit;
        var target = Printable(submission.Department ?? "");
        if (submission.Department is not { } name || await store.GetDepartmentAsync(name, cancellationToken) is not { } department)
        {
            return await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.DepartmentUnknown,
                $"There is no department '{target}'; see GET /pki/departments.", cancellationToken);
        }

        if (submission.Profile is not { } profile || !department.Profiles.Contains(profile, StringComparer.Ordinal))
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, ProblemCodes.ProfileNotAllowed,
                $"Department '{name}' may request the profiles {string.Join(", ", department.Profiles)}.", cancellationToken);
        }

        if (await DenialAsync(caller, RequestAction, department.Name, profile, cancellationToken) is { } denial)
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies);
        }

        var (checkedRequest, invalid) = issuer.Check(new IssuanceRequest(submission.Csr, profile, caller.Actor));
        if (invalid is not null)
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, invalid.Code, invalid.Message, cancellationToken);
        }

        if (DepartmentNameSpaces.Outside(department, checkedRequest!.Csr) is { } outside)
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, ProblemCodes.CsrNameOutsideDepartment, outside, cancellationToken);
        }

        // A department gets escrowed encryption keys only when its administrators listed the encryption profile for it.
        var dual = submission.EncryptionCertificate == true;
        if (dual && !department.Profiles.Contains(encryption.Profile, StringComparer.Ordinal))
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, ProblemCodes.ProfileNotAllowed,
                $"Department '{name}' may not request encryption certificates: its profiles do not include '{encryption.Profile}'.", cancellationToken);
        }

        if (dual && encryption.Check(checkedRequest.Csr) is { } unsupported)
        {
            return await RefuseAsync<CertificateRequest>(caller, action, name, ProblemCodes.EncryptionCertificateUnsupported,
                $"No encryption certificate for this request: {unsupported.Message}", cancellationToken);
        }

        var now = time.GetUtcNow();
        var request = new CertificateRequest(Guid.NewGuid().ToString("n"), department.Name, profile, submission.Csr!.Trim(), checkedRequest.Csr.Subject.ToString(),
            caller.Principal.Key, caller.DisplayName, CertificateRequestStatus.Pending, now,
            now + options.Value.Registration.RequestLifetime, null, null, null, null, []) { EncryptionCertificate = dual };
        var submitted = RegistrationEvents.Of(caller, action, AuditOutcome.Success, $"request:{request.Id}", new()
        {
            ["department"] = department.Name,
            ["profile"] = profile,
            ["subject"] = request.Subject,
            ["key"] = checkedRequest.Csr.Key.Description,
            ["encryptionCertificate"] = dual ? "true" : "false",
        });
        return await store.TryAddRequestAsync(request, department.MaxCertificates, submitted, cancellationToken)
            ? new(request)
            : await RefuseAsync<CertificateRequest>(caller, action, name, ProblemCodes.DepartmentQuotaExceeded,
                $"Department '{name}' holds {department.MaxCertificates} valid certificates and open requests, its quota.", cancellationToken);
    }

    public async Task<RegistrationResult<CertificateRequest>> ApproveAsync(
        RegistrationCaller caller, string id, string? comment, CancellationToken cancellationToken)
    {
        const string action = RegistrationEvents.Approve;
        var (request, refusal) = await ReviewableAsync(caller, action, id, comment, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        var approval = new RequestApproval(caller.Principal.Key, caller.DisplayName, comment, now);
        var required = ApprovalsRequired(request);
        AuditEvent Approved(int number) => RegistrationEvents.Of(caller, action, AuditOutcome.Success, $"request:{id}", new()
        {
            ["department"] = request.Department,
            ["approval"] = $"{number} of {required}",
            ["comment"] = comment ?? "",
        });

        var outcome = await store.ApproveAsync(id, approval, required, certificate: null, Approved, now, encryption: null, cancellationToken);
        if (outcome == ApprovalOutcome.CertificateNeeded)
        {
            // The last approval issues: signed first, then stored with the approval or not at all.
            var (signed, error) = issuer.Sign(new IssuanceRequest(request.Csr, request.Profile, caller.Actor, caller.SourceAddress, caller.RequestId));
            if (error is not null)
            {
                return await RefuseAsync<CertificateRequest>(caller, action, $"request:{id}", error.Code, error.Message, cancellationToken);
            }

            var issued = signed! with
            {
                Record = signed.Record with { RequestedBy = request.RequesterName },
                Event = signed.Event with { Details = new Dictionary<string, string>(signed.Event.Details) { ["request"] = id, ["requestedBy"] = request.RequesterName } },
            };
            // A dual pair's encryption half is made beside it, and commits with it or not at all.
            Escrow.EscrowedPair? pair = null;
            if (request.EncryptionCertificate)
            {
                (pair, error) = encryption.Issue(request, issued,
                    new IssuanceRequest(request.Csr, encryption.Profile, caller.Actor, caller.SourceAddress, caller.RequestId));
                if (error is not null)
                {
                    return await RefuseAsync<CertificateRequest>(caller, action, $"request:{id}", error.Code, error.Message, cancellationToken);
                }
            }

            outcome = await store.ApproveAsync(id, approval, required, issued, Approved, now, pair, cancellationToken);
            if (outcome == ApprovalOutcome.Issued)
            {
                issuer.Stored(issued.Record);
                if (pair is not null)
                {
                    issuer.Stored(pair.Certificate.Record);
                }
            }
        }

        return outcome switch
        {
            ApprovalOutcome.Recorded or ApprovalOutcome.Issued => new((await store.GetRequestAsync(id, cancellationToken))!),
            ApprovalOutcome.Repeated => await RefuseAsync<CertificateRequest>(caller, action, $"request:{id}", ProblemCodes.ApprovalRepeated,
                $"You approved request {id} already; its profile needs {required} approvals from different officers.", cancellationToken),
            _ => await RefuseAsync<CertificateRequest>(caller, action, $"request:{id}", ProblemCodes.CertificateRequestClosed,
                $"Request {id} is no longer pending.", cancellationToken),
        };
    }

    public async Task<RegistrationResult<CertificateRequest>> RejectAsync(
        RegistrationCaller caller, string id, string? comment, CancellationToken cancellationToken)
    {
        const string action = RegistrationEvents.Reject;
        var (request, refusal) = await ReviewableAsync(caller, action, id, comment, cancellationToken);
        if (request is null)
        {
            return refusal!;
        }

        var rejected = RegistrationEvents.Of(caller, action, AuditOutcome.Success, $"request:{id}", new()
        {
            ["department"] = request.Department,
            ["comment"] = comment ?? "",
        });
        return await store.RejectAsync(id, caller.DisplayName, comment, rejected, time.GetUtcNow(), cancellationToken)
            ? new((await store.GetRequestAsync(id, cancellationToken))!)
            : await RefuseAsync<CertificateRequest>(caller, action, $"request:{id}", ProblemCodes.CertificateRequestClosed,
                $"Request {id} is no longer pending.", cancellationToken);
    }

    /// <summary>
    /// A one-time EST enrollment secret for the department and profile (and subject, when bound),
    /// handed out by a reviewer of the department: its use is approved in advance.
    /// </summary>
    public async Task<RegistrationResult<(EnrollmentSecret Stored, string Secret)>> CreateEnrollmentSecretAsync(
        RegistrationCaller caller, string departmentName, EnrollmentSecretRequest body, CancellationToken cancellationToken)
    {
        const string action = RegistrationEvents.SecretCreate;
        var target = Printable(departmentName);
        if (await store.GetDepartmentAsync(departmentName, cancellationToken) is not { } department)
        {
            return await RefuseAsync<(EnrollmentSecret, string)>(caller, action, target, ProblemCodes.DepartmentUnknown, $"There is no department '{target}'.", cancellationToken);
        }

        if (body.Profile is not { } profile || !department.Profiles.Contains(profile, StringComparer.Ordinal))
        {
            return await RefuseAsync<(EnrollmentSecret, string)>(caller, action, target, ProblemCodes.ProfileNotAllowed,
                $"Department '{target}' may request the profiles {string.Join(", ", department.Profiles)}.", cancellationToken);
        }

        string? subject = null;
        if (body.Subject is { } requested)
        {
            try
            {
                subject = new Org.BouncyCastle.Asn1.X509.X509Name(requested).ToString();
            }
            catch (ArgumentException)
            {
                return await RefuseAsync<(EnrollmentSecret, string)>(caller, action, target, ProblemCodes.SubjectInvalid,
                    "subject, when given, is a distinguished name such as 'CN=sensor-17,O=City Finance'.", cancellationToken);
            }
        }

        if (await DenialAsync(caller, ReviewAction, department.Name, profile, cancellationToken) is { } denial)
        {
            return await RefuseAsync<(EnrollmentSecret, string)>(caller, action, target, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies);
        }

        var now = time.GetUtcNow();
        var secret = EnrollmentSecret.NewSecret();
        var stored = new EnrollmentSecret(Guid.NewGuid().ToString("n"), department.Name, profile, subject, EnrollmentSecret.Hash(secret), caller.DisplayName,
            now, now + options.Value.Registration.EnrollmentSecretLifetime, null, null);
        await store.AddEnrollmentSecretAsync(stored, RegistrationEvents.Of(caller, action, AuditOutcome.Success, $"enrollment-secret:{stored.Id}", new()
        {
            ["department"] = department.Name,
            ["profile"] = profile,
            ["subject"] = subject ?? "",
            ["expiresAt"] = stored.ExpiresAt.ToString("O"),
        }), cancellationToken);
        return new((stored, secret));
    }

    /// <summary>
    /// The department, when the caller may review its requests and so hand out what approves
    /// requests in advance (an ACME External Account Binding key); else the refusal, audited as
    /// <paramref name="action"/>.
    /// </summary>
    public async Task<RegistrationResult<Department>> ReviewedDepartmentAsync(
        RegistrationCaller caller, string action, string departmentName, CancellationToken cancellationToken)
    {
        var target = Printable(departmentName);
        if (await store.GetDepartmentAsync(departmentName, cancellationToken) is not { } department)
        {
            return await RefuseAsync<Department>(caller, action, target, ProblemCodes.DepartmentUnknown, $"There is no department '{target}'.", cancellationToken);
        }

        return await DenialAsync(caller, ReviewAction, department.Name, null, cancellationToken) is { } denial
            ? await RefuseAsync<Department>(caller, action, target, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies)
            : new(department);
    }

    /// <summary>
    /// EST <c>simpleenroll</c> with a one-time secret: the CSR is checked as a request of the
    /// secret's department and profile (and subject) and issued at once; the secret is spent with it.
    /// Under an EST path label (<paramref name="label"/>) a secret of another department opens
    /// nothing; <paramref name="action"/> is <c>est.serverkeygen</c> when the server made the key.
    /// </summary>
    public async Task<RegistrationResult<SignedCertificate>> EnrollAsync(
        string secretId, string secret, string csrPem, string? sourceAddress, string? requestId, CancellationToken cancellationToken,
        string? label = null, string action = RegistrationEvents.Enroll)
    {
        // The device presenting the secret is known by it alone.
        var caller = new AuditOrigin(new AuditActor(User: "enrollment-secret:" + Printable(secretId)), sourceAddress, requestId);
        var now = time.GetUtcNow();
        var (stored, department) = await store.GetEnrollmentSecretAsync(secretId, cancellationToken) ?? default;
        if (stored is null || !stored.Matches(secret) || stored.UsedAt is not null || stored.ExpiresAt <= now
            || (label is not null && label != stored.Department))
        {
            // One answer for every reason, so a guess learns nothing.
            return await RefuseAsync<SignedCertificate>(caller, action, $"enrollment-secret:{Printable(secretId)}", ProblemCodes.EnrollmentSecretRefused,
                "The enrollment secret is unknown, spent or expired: ask the department's registration officer for a new one.", cancellationToken);
        }

        var target = $"enrollment-secret:{stored.Id}";
        if (!department.Profiles.Contains(stored.Profile, StringComparer.Ordinal))
        {
            return await RefuseAsync<SignedCertificate>(caller, action, target, ProblemCodes.ProfileNotAllowed,
                $"Department '{stored.Department}' may no longer request profile '{stored.Profile}'.", cancellationToken);
        }

        var request = new IssuanceRequest(csrPem, stored.Profile, caller.Actor, sourceAddress, requestId);
        var (checkedRequest, invalid) = issuer.Check(request);
        if (invalid is not null)
        {
            return await RefuseAsync<SignedCertificate>(caller, action, target, invalid.Code, invalid.Message, cancellationToken);
        }

        if (DepartmentNameSpaces.Outside(department, checkedRequest!.Csr) is { } outside)
        {
            return await RefuseAsync<SignedCertificate>(caller, action, target, ProblemCodes.CsrNameOutsideDepartment, outside, cancellationToken);
        }

        if (stored.Subject is { } bound && !checkedRequest.Csr.Subject.Equivalent(new Org.BouncyCastle.Asn1.X509.X509Name(bound)))
        {
            return await RefuseAsync<SignedCertificate>(caller, action, target, ProblemCodes.SubjectInvalid,
                $"This enrollment secret is for the subject '{bound}'.", cancellationToken);
        }

        var (signed, error) = issuer.Sign(checkedRequest, request);
        if (error is not null)
        {
            return await RefuseAsync<SignedCertificate>(caller, action, target, error.Code, error.Message, cancellationToken);
        }

        // Spending the secret and issuing are one step, and one event: the issuance, which names the secret and its officer.
        var issued = signed! with
        {
            Record = signed.Record with { RequestedBy = $"EST enrollment secret {stored.Id} of {stored.CreatedBy}" },
            Event = signed.Event with
            {
                Details = new Dictionary<string, string>(signed.Event.Details)
                {
                    ["enrollmentSecret"] = stored.Id,
                    ["approvedBy"] = stored.CreatedBy,
                    ["department"] = stored.Department,
                    ["via"] = action,
                },
            },
        };
        return await store.EnrollAsync(stored, department.MaxCertificates, issued, now, cancellationToken) switch
        {
            EnrollmentOutcome.Issued => Enrolled(issued),
            EnrollmentOutcome.QuotaExceeded => await RefuseAsync<SignedCertificate>(caller, action, target, ProblemCodes.DepartmentQuotaExceeded,
                $"Department '{stored.Department}' holds {department.MaxCertificates} valid certificates and open requests, its quota.", cancellationToken),
            _ => await RefuseAsync<SignedCertificate>(caller, action, target, ProblemCodes.EnrollmentSecretRefused,
                "The enrollment secret is unknown, spent or expired: ask the department's registration officer for a new one.", cancellationToken),
        };
    }

    private RegistrationResult<SignedCertificate> Enrolled(SignedCertificate issued)
    {
        issuer.Stored(issued.Record);
        return new(issued);
    }

    /// <summary>The request, when the caller may read it: they submitted it, may review its department, or read everything.</summary>
    public async Task<RegistrationResult<CertificateRequest>> GetAsync(RegistrationCaller caller, string id, CancellationToken cancellationToken)
    {
        var request = await store.GetRequestAsync(id, cancellationToken);
        if (request is null
            || !(caller.ReadsAll || request.Requester == caller.Principal.Key
                || await DenialAsync(caller, ReviewAction, request.Department, request.Profile, cancellationToken) is null))
        {
            // Another department's request is as unknown to the caller as one that does not exist.
            return RegistrationResult<CertificateRequest>.Refused(ProblemCodes.CertificateRequestUnknown, $"There is no certificate request '{Printable(id)}' you may read.");
        }

        return new(request);
    }

    /// <summary>A page of the requests the caller may read: all for administrators and auditors, else their own and those of the departments they review.</summary>
    public async Task<IReadOnlyList<CertificateRequest>> ListAsync(
        RegistrationCaller caller, CertificateRequestStatus? status, string? department, int limit, (long, string)? before, CancellationToken cancellationToken)
    {
        IReadOnlyCollection<string>? departments = null;
        string? requester = null;
        if (!caller.ReadsAll)
        {
            var reviewed = new List<string>();
            foreach (var known in await store.ListDepartmentsAsync(cancellationToken))
            {
                if (await DenialAsync(caller, ReviewAction, known.Name, profile: null, cancellationToken) is null)
                {
                    reviewed.Add(known.Name);
                }
            }

            departments = reviewed;
            requester = caller.Principal.Key;
        }

        return await store.ListRequestsAsync(new RequestQuery(departments, requester, department, status, time.GetUtcNow(), limit, before), cancellationToken);
    }

    /// <summary>The encryption half of the request's dual pair, once issued; null for a single certificate.</summary>
    public Task<Escrow.EncryptionPairResponse?> EncryptionPairAsync(CertificateRequest request, CancellationToken cancellationToken) =>
        pairs.ReadAsync(request, cancellationToken);

    /// <summary>How many approvals the request's profile needs.</summary>
    public int ApprovalsRequired(CertificateRequest request) => profiles.TryGet(request.Profile, out var profile) ? profile.Approvals : 1;

    /// <summary>The request an officer may approve or reject: pending, not their own, of a department they review.</summary>
    private async Task<(CertificateRequest? Request, RegistrationResult<CertificateRequest>? Refusal)> ReviewableAsync(
        RegistrationCaller caller, string action, string id, string? comment, CancellationToken cancellationToken)
    {
        var target = $"request:{Printable(id)}";
        if (comment is not null && (comment.Length > MaxComment || comment.Any(c => char.IsControl(c) && c is not '\n')))
        {
            return (null, await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.CommentInvalid,
                $"comment is at most {MaxComment} characters, without control characters but line breaks.", cancellationToken));
        }

        var request = await store.GetRequestAsync(id, cancellationToken);
        if (request is null)
        {
            return (null, await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.CertificateRequestUnknown,
                $"There is no certificate request '{Printable(id)}'.", cancellationToken));
        }

        if (request.Requester == caller.Principal.Key)
        {
            return (null, await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.ApproverIsRequester,
                "You submitted this request: another registration officer decides it.", cancellationToken, AuditOutcome.Denied));
        }

        if (await DenialAsync(caller, ReviewAction, request.Department, request.Profile, cancellationToken) is { } denial)
        {
            return (null, await RefuseAsync<CertificateRequest>(caller, action, target, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies));
        }

        if (request.StatusAt(time.GetUtcNow()) is not CertificateRequestStatus.Pending and var status)
        {
            return (null, await RefuseAsync<CertificateRequest>(caller, action, target, ProblemCodes.CertificateRequestClosed,
                $"Request {id} is {status.Name()}, no longer pending.", cancellationToken));
        }

        return (request, null);
    }

    /// <summary>Null when the decision point allows <paramref name="action"/> on the department; else why not.</summary>
    private async Task<Denial?> DenialAsync(RegistrationCaller caller, string action, string department, string? profile, CancellationToken cancellationToken)
    {
        if (decisions is null)
        {
            return new(ProblemCodes.RegistrationUnavailable, "This node runs no decision point to ask who may take registration steps.", AuditOutcome.Failure, "");
        }

        var decision = await decisions.DecideAsync(new AuthorizationQuestion(caller.Principal.Principal, action, DepartmentEntityType, department,
            profile is null ? null : new Dictionary<string, string> { ["profile"] = profile }), cancellationToken);
        if (decision.IsAllowed)
        {
            return null;
        }

        return decision.RefusalCode == ProblemCodes.DecisionPointUnavailable.Value
            ? new(ProblemCodes.RegistrationUnavailable, decision.RefusalDetail ?? "The decision point cannot be reached.", AuditOutcome.Failure, "")
            : new(ProblemCodes.RegistrationDenied, $"The registration policy does not allow you to {Describe(action)} for department '{department}'.",
                AuditOutcome.Denied, string.Join(',', decision.DeterminingPolicies));
    }

    private Task<RegistrationResult<T>> RefuseAsync<T>(
        RegistrationCaller caller, string action, string target, ProblemCode code, string detail, CancellationToken cancellationToken,
        AuditOutcome outcome = AuditOutcome.Failure, string? policies = null) =>
        RefuseAsync<T>(caller.Origin, action, target, code, detail, cancellationToken, outcome, policies);

    private async Task<RegistrationResult<T>> RefuseAsync<T>(
        AuditOrigin caller, string action, string target, ProblemCode code, string detail, CancellationToken cancellationToken,
        AuditOutcome outcome = AuditOutcome.Failure, string? policies = null)
    {
        var details = new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail };
        if (policies is { Length: > 0 })
        {
            details["policies"] = policies;
        }

        await audit.RecordAsync(RegistrationEvents.Of(caller, action, outcome, target, details), cancellationToken);
        return RegistrationResult<T>.Refused(code, detail);
    }

    private static string Describe(string action) => action == RequestAction ? "request certificates" : "review certificate requests";

    private static string Printable(string text) =>
        text.Length <= 64 && text.All(c => !char.IsControl(c)) ? text : "(not a name)";

    private sealed record Denial(ProblemCode Code, string Detail, AuditOutcome Outcome, string Policies);
}

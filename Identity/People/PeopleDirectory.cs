using Identity.People.Passwords;
using Identity.People.Storage;
using Platform.Auditing;
using Platform.Certificates;
using Platform.Http;

namespace Identity.People;

/// <summary>
/// What administrators do with the directory: add, read, change and disable people, bind their
/// certificates. Validates, hashes passwords outside any transaction, and records each action as
/// exactly one audit event with its real outcome: a change commits with its event, a refusal is
/// recorded as a failure with its code.
/// </summary>
internal sealed class PeopleDirectory(
    IPersonStore store, PasswordHasher hasher, PasswordPolicy policy, ICertificateStatusSource certificates, IAuditTrail trail, TimeProvider time)
{
    /// <summary>The person, or null when the login is not one or nobody has it.</summary>
    public async Task<Person?> GetAsync(string login, CancellationToken cancellationToken) =>
        PersonNames.NormalizeLogin(login) is { } normalized ? (await store.GetAsync(normalized, cancellationToken))?.ToPerson() : null;

    /// <summary>A page of people in login order, and the cursor (last login) of the next page, or null on the last.</summary>
    public async Task<(IReadOnlyList<Person> People, string? Next)> ListAsync(PeopleQuery query, CancellationToken cancellationToken)
    {
        var (people, more) = await store.ListAsync(query, cancellationToken);
        return ([.. people.Select(p => p.ToPerson())], more ? people[^1].Login : null);
    }

    /// <summary>The person a certificate (serial in any case, leading zeros allowed) is bound to, or null: for the certificate sign-in.</summary>
    public async Task<Person?> FindByCertificateAsync(string serialNumber, CancellationToken cancellationToken) =>
        Serials.Normalize(serialNumber) is { } serial ? (await store.FindByCertificateAsync(serial, cancellationToken))?.ToPerson() : null;

    /// <summary>Adds a person. <paramref name="audit"/> is the action's event, with the caller filled in.</summary>
    public async Task<DirectoryOutcome<Person>> CreateAsync(NewPerson request, AuditEvent audit, CancellationToken cancellationToken)
    {
        var login = PersonNames.NormalizeLogin(request.Login);
        audit = audit with { Action = PeopleAudit.Create, Target = login };
        if (Check(request.Login, login, request.DisplayName, request.Department, request.Roles, required: true) is { } invalid)
        {
            return await RefuseAsync(audit, invalid.Code, invalid.Detail, cancellationToken);
        }

        string? hash = null;
        if (request.Password is { } password)
        {
            if (policy.Check(password) is { } weak)
            {
                return await RefuseAsync(audit, weak.Code, weak.Detail, cancellationToken);
            }

            hash = await hasher.HashAsync(password, cancellationToken);
        }

        var now = time.GetUtcNow();
        var person = new StoredPerson(login!, request.DisplayName!, request.Department!, request.Roles ?? [], Disabled: false, hash,
            TotpSecret: null, TotpPending: null, TotpLastStep: null, FailedAttempts: 0, LockedUntil: null, Certificates: [], now, now);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["department"] = person.Department,
            ["roles"] = string.Join(' ', person.Roles),
            // Not named "password": the trail refuses details named like secrets.
            ["passwordSet"] = hash is null ? "false" : "true",
        };
        if (!await store.CreateAsync(person, audit with { Details = details }, cancellationToken))
        {
            return await RefuseAsync(audit, ProblemCodes.PersonExists, $"A person with the login '{login}' is in the directory already.", cancellationToken);
        }

        return DirectoryOutcome<Person>.Done(person.ToPerson());
    }

    /// <summary>Changes a person; disabling is recorded as <c>person.disable</c>, anything else as <c>person.update</c>.</summary>
    public async Task<DirectoryOutcome<Person>> UpdateAsync(string login, PersonPatch patch, AuditEvent audit, CancellationToken cancellationToken)
    {
        var normalized = PersonNames.NormalizeLogin(login);
        var fields = patch.Fields();
        audit = audit with { Action = patch.Disabled == true ? PeopleAudit.Disable : PeopleAudit.Update, Target = normalized ?? login };
        if (normalized is null)
        {
            return await RefuseAsync(audit, ProblemCodes.PersonUnknown, $"No person has the login '{login}'.", cancellationToken);
        }

        if (fields.Count == 0)
        {
            return await RefuseAsync(audit, ProblemCodes.BodyInvalid,
                "The body names nothing to change: give disabled, displayName, department, roles, password or locked.", cancellationToken);
        }

        if (Check(null, normalized, patch.DisplayName, patch.Department, patch.Roles, required: false) is { } invalid)
        {
            return await RefuseAsync(audit, invalid.Code, invalid.Detail, cancellationToken);
        }

        if (patch.Locked == true)
        {
            return await RefuseAsync(audit, ProblemCodes.BodyInvalid, "locked can only be false, which lifts a lockout; sign-in failures lock an account.", cancellationToken);
        }

        string? hash = null;
        if (patch.Password is { } password)
        {
            if (policy.Check(password) is { } weak)
            {
                return await RefuseAsync(audit, weak.Code, weak.Detail, cancellationToken);
            }

            hash = await hasher.HashAsync(password, cancellationToken);
        }

        var now = time.GetUtcNow();
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["fields"] = string.Join(',', fields) };
        if (patch.Disabled is { } disabled)
        {
            details["disabled"] = disabled ? "true" : "false";
        }

        var (found, person) = await store.UpdateAsync(normalized, current =>
        {
            var reset = hash is not null || patch.Locked == false;
            var updated = current with
            {
                Disabled = patch.Disabled ?? current.Disabled,
                DisplayName = patch.DisplayName ?? current.DisplayName,
                Department = patch.Department ?? current.Department,
                Roles = patch.Roles ?? current.Roles,
                PasswordHash = hash ?? current.PasswordHash,
                FailedAttempts = reset ? 0 : current.FailedAttempts,
                LockedUntil = reset ? null : current.LockedUntil,
                UpdatedAt = now,
            };
            return new PersonChange<Person>(updated.ToPerson(), updated, audit with { Details = details });
        }, cancellationToken);

        return found
            ? DirectoryOutcome<Person>.Done(person)
            : await RefuseAsync(audit, ProblemCodes.PersonUnknown, $"No person has the login '{normalized}'.", cancellationToken);
    }

    /// <summary>
    /// Binds a certificate of the platform's CA to a person: only one that is good now (the CA's
    /// in-process revocation state), and only to one person.
    /// </summary>
    public async Task<DirectoryOutcome<Person>> BindCertificateAsync(string login, string? serialNumber, AuditEvent audit, CancellationToken cancellationToken)
    {
        var normalized = PersonNames.NormalizeLogin(login);
        audit = audit with { Action = PeopleAudit.CertificateBind, Target = normalized ?? login };
        if (normalized is null || await store.GetAsync(normalized, cancellationToken) is null)
        {
            return await RefuseAsync(audit, ProblemCodes.PersonUnknown, $"No person has the login '{login}'.", cancellationToken);
        }

        if (serialNumber is null || Serials.Normalize(serialNumber) is not { } serial)
        {
            return await RefuseAsync(audit, ProblemCodes.SerialInvalid, "serialNumber is a positive hexadecimal number of at most 20 octets.", cancellationToken);
        }

        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["serialNumber"] = serial };
        audit = audit with { Details = details };
        await certificates.TrackAsync([serial], cancellationToken);
        var status = certificates.StatusOf(serial);
        if (status == CertificateHolderStatus.Unknown)
        {
            return await RefuseAsync(audit, ProblemCodes.CertificateUnknown, $"No certificate with serial number {serial} was issued here.", cancellationToken);
        }

        if (status != CertificateHolderStatus.Good)
        {
            return await RefuseAsync(audit, ProblemCodes.CertificateNotCurrent,
                $"The certificate {serial} is {StatusName(status)}; only a current certificate can be bound.", cancellationToken);
        }

        var binding = await store.BindCertificateAsync(normalized, serial, time.GetUtcNow(), audit, cancellationToken);
        return binding switch
        {
            CertificateBinding.PersonUnknown => await RefuseAsync(audit, ProblemCodes.PersonUnknown, $"No person has the login '{normalized}'.", cancellationToken),
            CertificateBinding.BoundElsewhere => await RefuseAsync(audit, ProblemCodes.CertificateBound,
                $"The certificate {serial} is bound to another person; unbind it there first.", cancellationToken),
            _ => DirectoryOutcome<Person>.Done((await store.GetAsync(normalized, cancellationToken))!.ToPerson(), binding == CertificateBinding.Bound),
        };
    }

    private static (ProblemCode Code, string Detail)? Check(
        string? rawLogin, string? login, string? displayName, string? department, IReadOnlyList<string>? roles, bool required)
    {
        if (required && login is null)
        {
            return (ProblemCodes.LoginInvalid, rawLogin is null
                ? "login is required."
                : "login is 1 to 64 characters: letters, digits, '.', '_', '-' and '@', starting with a letter or digit.");
        }

        if ((required || displayName is not null) && !PersonNames.IsDisplayName(displayName))
        {
            return (ProblemCodes.DisplayNameInvalid, "displayName is required: 1 to 128 printable characters, without leading or trailing spaces.");
        }

        if ((required || department is not null) && !PersonNames.IsName(department))
        {
            return (ProblemCodes.DepartmentInvalid, "department is required: 1 to 64 letters, digits, '.', '_' and '-'.");
        }

        return PersonNames.AreRoles(roles)
            ? null
            : (ProblemCodes.RolesInvalid, $"roles holds at most {PersonNames.MaxRoles} distinct names of letters, digits, '.', '_' and '-', at most 64 characters each.");
    }

    private static string StatusName(CertificateHolderStatus status) => status switch
    {
        CertificateHolderStatus.OnHold => "on hold",
        _ => status.ToString().ToLowerInvariant(),
    };

    private async Task<DirectoryOutcome<Person>> RefuseAsync(AuditEvent audit, ProblemCode code, string detail, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string>(audit.Details, StringComparer.Ordinal) { ["code"] = code.Value };
        await trail.RecordAsync(audit with { Outcome = AuditOutcome.Failure, Details = details }, cancellationToken);
        return DirectoryOutcome<Person>.Refused(code, detail);
    }
}

using System.Security.Cryptography;
using Identity.People.Storage;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Http;
using Platform.Keys;

namespace Identity.People.Totp;

/// <summary>
/// Enrols a person's authenticator: a new seed from the CSPRNG, sealed under the platform's
/// key-encryption key and kept pending until a first code from the app confirms it; only then
/// does it replace the person's current one (so a re-enrolment never locks a person out
/// half-way). Used by administrators now, and by the person's own pages later.
/// </summary>
internal sealed class TotpEnrolment(IPersonStore store, SecretSealer sealer, IAuditTrail trail, TimeProvider time, IOptions<PeopleOptions> options)
{
    /// <summary>The purpose seeds are sealed for.</summary>
    internal const string SealPurpose = "identity.totp";

    /// <summary>Starts an enrolment: the URI and QR code for the app, shown once.</summary>
    public async Task<DirectoryOutcome<TotpEnrolmentStart>> StartAsync(string login, AuditEvent audit, CancellationToken cancellationToken)
    {
        var normalized = PersonNames.NormalizeLogin(login);
        audit = audit with
        {
            Action = PeopleAudit.TotpEnrol,
            Target = normalized ?? login,
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["stage"] = "started" },
        };
        if (normalized is null)
        {
            return await RefuseAsync<TotpEnrolmentStart>(audit, ProblemCodes.PersonUnknown, $"No person has the login '{login}'.", cancellationToken);
        }

        var secret = RandomNumberGenerator.GetBytes(TotpCode.SecretBytes);
        try
        {
            var sealedSecret = sealer.Seal(SealPurpose, normalized, secret);
            var now = time.GetUtcNow();
            var (found, _) = await store.UpdateAsync(normalized,
                current => new PersonChange<bool>(true, current with { TotpPending = sealedSecret, UpdatedAt = now }, audit), cancellationToken);
            if (!found)
            {
                return await RefuseAsync<TotpEnrolmentStart>(audit, ProblemCodes.PersonUnknown, $"No person has the login '{normalized}'.", cancellationToken);
            }

            var uri = TotpQr.KeyUri(options.Value.Totp.Issuer, normalized, Base32.Encode(secret));
            return DirectoryOutcome<TotpEnrolmentStart>.Done(new TotpEnrolmentStart(uri, TotpQr.Svg(uri)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>Confirms the pending enrolment with the app's current code; that code cannot then be used to sign in.</summary>
    public async Task<DirectoryOutcome<Person>> ConfirmAsync(string login, string? code, AuditEvent audit, CancellationToken cancellationToken)
    {
        var normalized = PersonNames.NormalizeLogin(login);
        audit = audit with
        {
            Action = PeopleAudit.TotpEnrol,
            Target = normalized ?? login,
            Details = new Dictionary<string, string>(StringComparer.Ordinal) { ["stage"] = "confirmed" },
        };
        if (normalized is null)
        {
            return await RefuseAsync<Person>(audit, ProblemCodes.PersonUnknown, $"No person has the login '{login}'.", cancellationToken);
        }

        var now = time.GetUtcNow();
        var (found, outcome) = await store.UpdateAsync(normalized, current =>
        {
            if (current.TotpPending is not { } pending)
            {
                return new PersonChange<(ConfirmState, Person?)>((ConfirmState.Missing, null), null, null);
            }

            var secret = sealer.Open(SealPurpose, normalized, pending);
            var step = TotpCode.Match(secret, code, now);
            CryptographicOperations.ZeroMemory(secret);
            if (step is null || step <= current.TotpLastStep)
            {
                return new PersonChange<(ConfirmState, Person?)>((ConfirmState.Wrong, null), null, null);
            }

            var updated = current with { TotpSecret = pending, TotpPending = null, TotpLastStep = step, UpdatedAt = now };
            return new PersonChange<(ConfirmState, Person?)>((ConfirmState.Confirmed, updated.ToPerson()), updated, audit);
        }, cancellationToken);

        return !found ? await RefuseAsync<Person>(audit, ProblemCodes.PersonUnknown, $"No person has the login '{normalized}'.", cancellationToken)
            : outcome.Item1 == ConfirmState.Missing ? await RefuseAsync<Person>(audit, ProblemCodes.TotpEnrolmentMissing,
                $"No enrolment waits for confirmation for '{normalized}'; start one first.", cancellationToken)
            : outcome.Item1 == ConfirmState.Wrong ? await RefuseAsync<Person>(audit, ProblemCodes.TotpCodeInvalid,
                "The code is not the authenticator's current one (6 digits, within 30 seconds either side).", cancellationToken)
            : DirectoryOutcome<Person>.Done(outcome.Item2!);
    }

    private async Task<DirectoryOutcome<T>> RefuseAsync<T>(AuditEvent audit, ProblemCode code, string detail, CancellationToken cancellationToken)
        where T : class
    {
        var details = new Dictionary<string, string>(audit.Details, StringComparer.Ordinal) { ["code"] = code.Value };
        await trail.RecordAsync(audit with { Outcome = AuditOutcome.Failure, Details = details }, cancellationToken);
        return DirectoryOutcome<T>.Refused(code, detail);
    }

    private enum ConfirmState
    {
        Confirmed,
        Missing,
        Wrong,
    }
}

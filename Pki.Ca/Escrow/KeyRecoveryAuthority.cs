using Microsoft.Extensions.Options;
using Org.BouncyCastle.X509;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Registration;
using Pki.Ca.Storage;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Cryptography;
using Platform.Http;
using Platform.Keys;
using System.Security.Cryptography;

namespace Pki.Ca.Escrow;

/// <summary>
/// The recovery of escrowed encryption keys under dual control: a key-recovery officer opens a
/// recovery for a dual pair's encryption certificate, naming why and the certificate (of this CA)
/// to release the key to; a second, different key-recovery officer approves it, and only then is
/// the key unsealed and released, encrypted to that certificate. Who is a key-recovery officer of
/// a department is the decision point's answer to <c>Action::"recoverEscrowedKey"</c> on
/// <c>Department::"&lt;name&gt;"</c>. Every step, allowed or refused, is an audit event.
/// </summary>
internal sealed class KeyRecoveryAuthority(
    IKeyEscrowStore store, IRegistrationStore departments, ICaStore certificates, SecretSealer sealer, IAuditTrail audit, TimeProvider time, IOptions<CaOptions> options,
    IAuthorizationDecisionPoint? decisions = null)
{
    public const string RecoverAction = "recoverEscrowedKey";

    private const int MaxText = 1000;

    public async Task<RegistrationResult<KeyRecovery>> OpenAsync(RegistrationCaller caller, KeyRecoveryOpening opening, CancellationToken cancellationToken)
    {
        const string action = EscrowEvents.RecoveryOpen;
        var serial = opening.SerialNumber?.Trim().ToLowerInvariant() ?? "";
        var target = serial.Length is > 0 and <= 40 && serial.All(char.IsAsciiHexDigitLower) ? serial : null;
        if (opening.Reason is not { } reason || !IsText(reason))
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryReasonInvalid,
                $"reason is required: 1 to {MaxText} characters, without control characters but line breaks.", cancellationToken);
        }

        if (target is null)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, null, ProblemCodes.SerialInvalid,
                "serialNumber is the encryption certificate's serial number in hexadecimal.", cancellationToken);
        }

        if (await certificates.GetCertificateAsync(serial, cancellationToken) is null)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, serial, ProblemCodes.CertificateUnknown, $"No certificate {serial} was issued here.", cancellationToken);
        }

        if (await store.GetEscrowedKeyAsync(serial, cancellationToken) is not { } escrowed)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, serial, ProblemCodes.EscrowedKeyUnknown,
                $"Certificate {serial} has no escrowed key: its holder generated its key, or it is the signing half of a dual pair.", cancellationToken);
        }

        if (await DenialAsync(caller, escrowed.Department, cancellationToken) is { } denial)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, serial, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies);
        }

        var (recipient, invalid) = await RecipientAsync(opening.Recipient, escrowed, cancellationToken);
        if (recipient is null)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, serial, ProblemCodes.KeyRecoveryRecipientInvalid, invalid!, cancellationToken);
        }

        var now = time.GetUtcNow();
        var recovery = new KeyRecovery(Guid.NewGuid().ToString("n"), serial, escrowed.Department, reason, recipient.Certificate, recipient.SerialNumber,
            caller.Principal.Key, caller.DisplayName, now, now + options.Value.Registration.KeyRecoveryLifetime, KeyRecoveryStatus.Pending, null, null, null, null);
        await store.AddRecoveryAsync(recovery, EscrowEvents.Of(caller.Origin, action, AuditOutcome.Success, Target(recovery.Id), new()
        {
            ["serial"] = serial,
            ["department"] = escrowed.Department,
            ["reason"] = reason,
            ["recipient"] = recipient.SerialNumber,
            ["recipientSubject"] = recipient.Subject,
        }), cancellationToken);
        return new(recovery);
    }

    public async Task<RegistrationResult<KeyRecovery>> ApproveAsync(RegistrationCaller caller, string id, string? comment, CancellationToken cancellationToken)
    {
        const string action = EscrowEvents.RecoveryApprove;
        var target = Target(Printable(id));
        if (comment is { Length: > 0 } && !IsText(comment))
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.CommentInvalid,
                $"comment is at most {MaxText} characters, without control characters but line breaks.", cancellationToken);
        }

        if (await store.GetRecoveryAsync(id, cancellationToken) is not { } recovery)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryUnknown, $"There is no key recovery '{Printable(id)}'.", cancellationToken);
        }

        if (await DenialAsync(caller, recovery.Department, cancellationToken) is { } denial)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies);
        }

        if (recovery.OpenedBy == caller.Principal.Key)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryApproverIsOpener,
                "You opened this recovery: a second key-recovery officer approves it.", cancellationToken, AuditOutcome.Denied);
        }

        var now = time.GetUtcNow();
        if (recovery.StatusAt(now) is not KeyRecoveryStatus.Pending and var status)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryClosed, $"Recovery {id} is {status.Name()}, no longer pending.", cancellationToken);
        }

        var escrowed = await store.GetEscrowedKeyAsync(recovery.Serial, cancellationToken)
            ?? throw new InvalidOperationException($"The escrowed key of recovery {id} is missing.");
        // The recipient is judged again: it may have been revoked since the recovery was opened.
        var (recipient, invalid) = await RecipientAsync(PemText.Certificate(recovery.Recipient), escrowed, cancellationToken);
        if (recipient is null)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryRecipientInvalid, invalid!, cancellationToken);
        }

        EnvelopedKey envelope;
        byte[] pkcs8;
        try
        {
            pkcs8 = sealer.Open(EncryptionCertificateIssuer.SealPurpose, escrowed.Serial, escrowed.SealedKey);
        }
        catch (CryptographicException)
        {
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyStoreUnavailable,
                "The escrowed key does not open under the key store's key-encryption key.", cancellationToken);
        }

        try
        {
            envelope = KeyEnvelopes.Seal(new X509CertificateParser().ReadCertificate(recovery.Recipient), pkcs8, escrowed.KeyAlgorithm);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        var approved = EscrowEvents.Of(caller.Origin, action, AuditOutcome.Success, target, new()
        {
            ["serial"] = recovery.Serial,
            ["department"] = recovery.Department,
            ["openedBy"] = recovery.OpenedByName,
            ["recipient"] = recovery.RecipientSerial,
            ["envelope"] = envelope.Format,
            ["comment"] = comment ?? "",
        });
        if (!await store.ReleaseAsync(id, caller.Principal.Key, caller.DisplayName, envelope, approved, now, cancellationToken))
        {
            // Another officer's approval came first (or the recovery expired meanwhile): this envelope is dropped unseen.
            return await RefuseAsync<KeyRecovery>(caller, action, target, ProblemCodes.KeyRecoveryClosed, $"Recovery {id} is no longer pending.", cancellationToken);
        }

        return new((await store.GetRecoveryAsync(id, cancellationToken))!);
    }

    /// <summary>The recovery, when the caller may read it: a key-recovery officer of its department, an administrator or an auditor.</summary>
    public async Task<RegistrationResult<KeyRecovery>> GetAsync(RegistrationCaller caller, string id, CancellationToken cancellationToken)
    {
        var recovery = await store.GetRecoveryAsync(id, cancellationToken);
        if (recovery is null || !(caller.ReadsAll || await DenialAsync(caller, recovery.Department, cancellationToken) is null))
        {
            return RegistrationResult<KeyRecovery>.Refused(ProblemCodes.KeyRecoveryUnknown, $"There is no key recovery '{Printable(id)}' you may read.");
        }

        return new(recovery);
    }

    /// <summary>A page of the recoveries the caller may read: all for administrators and auditors, else those of the departments they recover keys of.</summary>
    public async Task<IReadOnlyList<KeyRecovery>> ListAsync(
        RegistrationCaller caller, KeyRecoveryStatus? status, int limit, (long, string)? before, CancellationToken cancellationToken)
    {
        List<string>? visible = null;
        if (!caller.ReadsAll)
        {
            visible = [];
            foreach (var department in await departments.ListDepartmentsAsync(cancellationToken))
            {
                if (await DenialAsync(caller, department.Name, cancellationToken) is null)
                {
                    visible.Add(department.Name);
                }
            }
        }

        return await store.ListRecoveriesAsync(new RecoveryQuery(visible, status, time.GetUtcNow(), limit, before), cancellationToken);
    }

    /// <summary>The recipient: a certificate this CA issued, valid now, whose key can receive <paramref name="escrowed"/>; else why not.</summary>
    private async Task<(Storage.CertificateRecord? Recipient, string? Invalid)> RecipientAsync(string? pem, EscrowedKey escrowed, CancellationToken cancellationToken)
    {
        const string shape = "recipient is one PEM certificate (-----BEGIN CERTIFICATE-----) issued by this CA.";
        if (pem is null || pem.Length > CsrParser.MaxDerBytes * 2 || !System.Security.Cryptography.PemEncoding.TryFind(pem, out var fields)
            || pem[fields.Label] is not "CERTIFICATE")
        {
            return (null, shape);
        }

        X509Certificate? parsed = null;
        byte[] der = [];
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
            if (Platform.Der.DerGuard.IsWellFormed(der))
            {
                parsed = new X509CertificateParser().ReadCertificate(der);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IOException or InvalidCastException or InvalidOperationException
            or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            parsed = null;
        }

        if (parsed is null)
        {
            return (null, shape);
        }

        var serial = parsed.SerialNumber.ToString(16);
        var record = await certificates.GetCertificateAsync(serial, cancellationToken);
        if (record is null || !record.Certificate.AsSpan().SequenceEqual(der))
        {
            return (null, "The recipient certificate was not issued by this CA.");
        }

        if (record.StatusAt(time.GetUtcNow()) is not CertificateStatus.Valid and var status)
        {
            return (null, $"The recipient certificate {serial} is {status.ToString().ToLowerInvariant()}.");
        }

        var key = PublicKeys.Describe(parsed.SubjectPublicKeyInfo);
        return KeyEnvelopes.CanReceive(key.Algorithm, escrowed.KeyAlgorithm)
            ? (record, null)
            : (null, $"A {escrowed.Algorithm} key cannot be released to a {key.Description} certificate: an SM2 key goes to SM2, RSA or ECDSA, other keys to RSA or ECDSA.");
    }

    /// <summary>Null when the decision point allows the caller to recover the department's keys; else why not.</summary>
    private async Task<Denial?> DenialAsync(RegistrationCaller caller, string department, CancellationToken cancellationToken)
    {
        if (decisions is null)
        {
            return new(ProblemCodes.KeyRecoveryUnavailable, "This node runs no decision point to ask who may recover keys.", AuditOutcome.Failure, "");
        }

        var decision = await decisions.DecideAsync(
            new AuthorizationQuestion(caller.Principal.Principal, RecoverAction, RegistrationAuthority.DepartmentEntityType, department), cancellationToken);
        if (decision.IsAllowed)
        {
            return null;
        }

        return decision.RefusalCode == ProblemCodes.DecisionPointUnavailable.Value
            ? new(ProblemCodes.KeyRecoveryUnavailable, decision.RefusalDetail ?? "The decision point cannot be reached.", AuditOutcome.Failure, "")
            : new(ProblemCodes.KeyRecoveryDenied, $"The platform's policy does not allow you to recover escrowed keys of department '{department}'.",
                AuditOutcome.Denied, string.Join(',', decision.DeterminingPolicies));
    }

    private async Task<RegistrationResult<T>> RefuseAsync<T>(
        RegistrationCaller caller, string action, string? target, ProblemCode code, string detail, CancellationToken cancellationToken,
        AuditOutcome outcome = AuditOutcome.Failure, string? policies = null)
    {
        var details = new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail };
        if (policies is { Length: > 0 })
        {
            details["policies"] = policies;
        }

        await audit.RecordAsync(EscrowEvents.Of(caller.Origin, action, outcome, target, details), cancellationToken);
        return RegistrationResult<T>.Refused(code, detail);
    }

    private static string Target(string id) => $"key-recovery:{id}";

    private static bool IsText(string text) => text.Length is > 0 and <= MaxText && !text.Any(c => char.IsControl(c) && c is not '\n');

    private static string Printable(string text) =>
        text.Length <= 64 && text.All(c => !char.IsControl(c)) ? text : "(not an id)";

    private sealed record Denial(ProblemCode Code, string Detail, AuditOutcome Outcome, string Policies);
}

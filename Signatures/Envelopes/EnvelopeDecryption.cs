using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Cryptography.Cms;
using Platform.Http;
using Platform.Keys;

namespace Signatures.Envelopes;

/// <summary>
/// Opens a CMS envelope with a key the platform holds — a department's escrowed encryption key
/// (<see cref="IHeldDecryptionKeys"/>) — when the decision point allows the caller
/// <c>Action::"decrypt"</c> on <c>Department::"&lt;department&gt;"</c>. Every request is one audit
/// event with its real outcome (success, denied, or failure with its code: no held key, a key
/// that does not open it, a malformed envelope), recorded before the answer: if the trail cannot
/// record it, the content is not returned.
/// </summary>
internal sealed class EnvelopeDecryption(IOptions<SignaturesOptions> options, IAuditTrail audit, IHeldDecryptionKeys? keys = null, IAuthorizationDecisionPoint? decisions = null)
{
    /// <summary>The envelope may be this much larger than the content it carries (recipient infos, tags, padding).</summary>
    public const int MaxOverheadBytes = 64 * 1024;

    public async Task<EnvelopeResult<DecryptResponse>> DecryptAsync(DecryptionCaller caller, DecryptRequest request, CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.MaxContentBytes + MaxOverheadBytes;
        if (Base64Content.Decode(request.Enveloped, maxBytes) is not { } der)
        {
            return await RefuseAsync(caller, null, ProblemCodes.EnvelopedInvalid, $"enveloped is required: base64 of a DER CMS envelope of at most {maxBytes} bytes.", cancellationToken);
        }

        var reading = CmsEnvelopeReader.Read(der);
        if (reading.Envelope is not { } envelope)
        {
            return await RefuseAsync(caller, null, Code(reading.Error!.Kind), reading.Error.Detail, cancellationToken);
        }

        if (keys is null || decisions is null)
        {
            return await RefuseAsync(caller, null, ProblemCodes.DecryptionUnavailable, "This node runs no key escrow or decision point to decrypt with.", cancellationToken);
        }

        var (recipient, key) = await HeldKeyAsync(envelope, cancellationToken);
        if (key is null)
        {
            return await RefuseAsync(caller, null, ProblemCodes.DecryptionKeyUnknown,
                $"None of the envelope's {envelope.Recipients.Count} recipients is a certificate whose key the platform holds.", cancellationToken);
        }

        var held = new Dictionary<string, string> { ["department"] = key.Department };
        if (await DenialAsync(caller, key.Department, cancellationToken) is { } denial)
        {
            held["policies"] = denial.Policies;
            return await RefuseAsync(caller, key.SerialNumber, denial.Code, denial.Detail, cancellationToken, denial.Outcome, held);
        }

        byte[] pkcs8;
        try
        {
            pkcs8 = key.OpenPrivateKey();
        }
        catch (KeyStoreUnavailableException)
        {
            return await RefuseAsync(caller, key.SerialNumber, ProblemCodes.KeyStoreUnavailable, "The held key does not open under the key store's key-encryption key.", cancellationToken,
                details: held);
        }

        CmsDecryption decryption;
        try
        {
            decryption = envelope.Decrypt(recipient!, pkcs8);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }

        if (decryption.Content is not { } content)
        {
            return await RefuseAsync(caller, key.SerialNumber, Code(decryption.Error!.Kind), decryption.Error.Detail, cancellationToken, details: held);
        }

        try
        {
            held["contentEncryption"] = envelope.ContentEncryptionAlgorithm;
            held["bytes"] = content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await audit.RecordAsync(Event(caller, AuditOutcome.Success, key.SerialNumber, held), cancellationToken);
            return new(new DecryptResponse(Convert.ToBase64String(content)));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(content);
        }
    }

    /// <summary>The first recipient whose key the platform holds, in the envelope's order.</summary>
    private async Task<(CmsRecipientIdentifier? Recipient, HeldDecryptionKey? Key)> HeldKeyAsync(CmsEnvelope envelope, CancellationToken cancellationToken)
    {
        // Bounded: each lookup reads the CA's store, and an envelope may list any number of recipients.
        foreach (var recipient in envelope.Recipients.Take(EnvelopeEncryption.MaxRecipients * 4))
        {
            if (await keys!.FindAsync(recipient, cancellationToken) is { } key)
            {
                return (recipient, key);
            }
        }

        return (null, null);
    }

    /// <summary>Null when the decision point allows the caller to decrypt with the department's keys; else why not.</summary>
    private async Task<Denial?> DenialAsync(DecryptionCaller caller, string department, CancellationToken cancellationToken)
    {
        if (caller.Principal is not { } principal)
        {
            return new(ProblemCodes.DecryptionDenied, "The caller could not be named to the decision point.", AuditOutcome.Denied, "");
        }

        var decision = await decisions!.DecideAsync(new AuthorizationQuestion(principal.Principal, EnvelopePolicy.DecryptAction, "Department", department), cancellationToken);
        if (decision.IsAllowed)
        {
            return null;
        }

        return decision.RefusalCode == ProblemCodes.DecisionPointUnavailable.Value
            ? new(ProblemCodes.DecryptionUnavailable, decision.RefusalDetail ?? "The decision point cannot be reached.", AuditOutcome.Failure, "")
            : new(ProblemCodes.DecryptionDenied, $"The platform's policy does not allow you to decrypt with the keys of department '{department}'.",
                AuditOutcome.Denied, string.Join(',', decision.DeterminingPolicies));
    }

    private async Task<EnvelopeResult<DecryptResponse>> RefuseAsync(
        DecryptionCaller caller, string? target, ProblemCode code, string detail, CancellationToken cancellationToken, AuditOutcome outcome = AuditOutcome.Failure,
        Dictionary<string, string>? details = null)
    {
        var facts = new Dictionary<string, string>(details ?? []) { ["code"] = code.Value, ["reason"] = detail };
        if (facts.TryGetValue("policies", out var policies) && policies.Length == 0)
        {
            facts.Remove("policies");
        }

        await audit.RecordAsync(Event(caller, outcome, target, facts), cancellationToken);
        return EnvelopeResult<DecryptResponse>.Refused(code, detail);
    }

    private static AuditEvent Event(DecryptionCaller caller, AuditOutcome outcome, string? target, Dictionary<string, string> details) =>
        caller.Event with { Outcome = outcome, Target = target, Details = details };

    private static ProblemCode Code(CmsEnvelopeErrorKind kind) => kind switch
    {
        CmsEnvelopeErrorKind.Malformed => ProblemCodes.EnvelopedInvalid,
        CmsEnvelopeErrorKind.AlgorithmUnsupported => ProblemCodes.EnvelopedAlgorithmUnsupported,
        _ => ProblemCodes.DecryptionFailed,
    };

    private sealed record Denial(ProblemCode Code, string Detail, AuditOutcome Outcome, string Policies);
}

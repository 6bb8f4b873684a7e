using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Signatures.Cades;
using System.Security.Cryptography;

namespace Signatures.Seals;

/// <summary>
/// Sealing a document with a department's seal. Who may is the decision point's answer to
/// <c>Action::"seal"</c> on <c>Seal::"&lt;department&gt;"</c> whose <c>department</c> is
/// <c>Department::"&lt;department&gt;"</c>. Every request is one <c>signature.seal</c> event with its real
/// outcome, recorded before the answer: a signature the trail cannot record is not handed out.
/// </summary>
internal sealed class SealSigning(
    SealRegistry seals, CadesSigner signer, SealDecisionCache cache, IAuditTrail audit, IOptions<SignaturesOptions> options,
    Metrics.SignatureMetrics metrics, IAuthorizationDecisionPoint? decisions = null)
{
    public async Task<SealResult<CadesSignature>> SignAsync(CallerPrincipal? caller, SignRequest request, AuditEvent origin, CancellationToken cancellationToken)
    {
        var department = request.Seal!;
        var target = EntityNames.IsValid(department) ? department : null;
        if (!CadesLevels.TryParse(request.Level, out var level))
        {
            return await RefuseAsync(origin, target, ProblemCodes.SignatureLevelInvalid, $"level is one of {string.Join(", ", CadesLevels.All)}.", cancellationToken);
        }

        var (content, code, detail) = ContentInput.Decode(request.Content, "content", options.Value.MaxContentBytes);
        if (content is null)
        {
            return await RefuseAsync(origin, target, code!, detail!, cancellationToken);
        }

        if (target is null || await seals.FindAsync(department, cancellationToken) is not { } seal)
        {
            return await RefuseAsync(origin, target, ProblemCodes.SealUnknown, target is null ? "That department has no seal." : $"Department {target} has no seal.", cancellationToken);
        }

        if (await DenialAsync(caller, department, cancellationToken) is { } denial)
        {
            return await RefuseAsync(origin, department, denial.Code, denial.Detail, cancellationToken, denial.Outcome, denial.Policies);
        }

        var credential = seal.Credential;
        var digest = credential.Digest(content);
        var sha256 = credential.DigestOid == CadesOids.Sha256 ? digest : SHA256.HashData(content);
        var outcome = await signer.SignAsync(credential, seal.Key, content, digest, sha256, request.Detached == true, level, cancellationToken);
        if (outcome.Signature is not { } signature)
        {
            return await RefuseAsync(origin, department, ProblemCodes.SignatureLevelUnavailable, outcome.Detail!, cancellationToken);
        }

        var details = new Dictionary<string, string>(8)
        {
            ["contentSha256"] = Convert.ToHexStringLower(sha256),
            ["level"] = level.Name(),
            ["detached"] = request.Detached == true ? "true" : "false",
            ["signer"] = credential.SerialNumber,
        };
        if (signature.TimeStampSerial is { } stamp)
        {
            details["timestamp"] = stamp;
        }

        if (signature.ArchiveTimeStampSerial is { } archive)
        {
            details["archiveTimestamp"] = archive;
        }

        await audit.RecordAsync(origin with { Outcome = AuditOutcome.Success, Target = department, Details = details }, cancellationToken);
        metrics.Sealed(level.Name());
        return new(signature);
    }

    private async Task<Denial?> DenialAsync(CallerPrincipal? caller, string department, CancellationToken cancellationToken)
    {
        if (caller is null)
        {
            return new(ProblemCodes.SealUseDenied, "The caller could not be named to the decision point.", AuditOutcome.Denied, "");
        }

        if (decisions is null)
        {
            return new(ProblemCodes.DecisionPointUnavailable, "This node runs no decision point to ask who may seal.", AuditOutcome.Failure, "");
        }

        var question = new AuthorizationQuestion(caller.Principal, SealPolicy.Action, SealPolicy.ResourceType, department,
            ResourceAttributes: new Dictionary<string, EntityReference> { ["department"] = new(SealPolicy.DepartmentType, department) });
        var decision = await cache.DecideAsync(decisions, caller, question, cancellationToken);
        if (decision.IsAllowed)
        {
            return null;
        }

        return decision.RefusalCode == ProblemCodes.DecisionPointUnavailable.Value
            ? new(ProblemCodes.DecisionPointUnavailable, decision.RefusalDetail ?? "The decision point cannot be reached.", AuditOutcome.Failure, "")
            : new(ProblemCodes.SealUseDenied, $"The platform's policy does not allow you to seal with the seal of {department}.", AuditOutcome.Denied,
                string.Join(",", decision.DeterminingPolicies));
    }

    private async Task<SealResult<CadesSignature>> RefuseAsync(
        AuditEvent origin, string? target, ProblemCode code, string detail, CancellationToken cancellationToken,
        AuditOutcome outcome = AuditOutcome.Failure, string? policies = null)
    {
        var details = new Dictionary<string, string> { ["code"] = code.Value, ["reason"] = detail };
        if (!string.IsNullOrEmpty(policies))
        {
            details["policies"] = policies;
        }

        await audit.RecordAsync(origin with { Outcome = outcome, Target = target, Details = details }, cancellationToken);
        metrics.Refused(code.Value);
        return SealResult<CadesSignature>.Refused(code, detail);
    }

    private sealed record Denial(ProblemCode Code, string Detail, AuditOutcome Outcome, string Policies);
}

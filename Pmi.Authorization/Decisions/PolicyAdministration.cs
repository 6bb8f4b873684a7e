using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Http;
using Pmi.Authorization.Policies;
using Pmi.Authorization.Schema;
using Pmi.Authorization.Storage;
using Pmi.Authorization.Validation;

namespace Pmi.Authorization.Decisions;

/// <summary>
/// Replaces the policies or the schema. An update is parsed and validated against its counterpart,
/// stored as a new version together with its audit event, and only then made active; a refused
/// update changes nothing and is audited as a failure.
/// </summary>
internal sealed class PolicyAdministration(PolicyDecisionPoint pdp, PolicyStore store, IAuditTrail audit, ILogger<PolicyAdministration> logger)
{
    /// <summary>Replaces the policy set with <paramref name="text"/> (Cedar syntax).</summary>
    /// <param name="text">The new policy set.</param>
    /// <param name="auditEvent">The event to record, with actor and request filled in; outcome, target and details are set here.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<UpdateOutcome> UpdatePoliciesAsync(string text, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await pdp.Gate.WaitAsync(cancellationToken);
        try
        {
            await pdp.ReloadLockedAsync(cancellationToken);
            var current = pdp.Active;
            var parsed = PolicySet.Parse(text);
            if (!parsed.IsSuccess)
            {
                var e = parsed.Error!;
                return await RefuseAsync("policies", auditEvent, text,
                    UpdateOutcome.Refused(ProblemCodes.PolicySyntaxInvalid, $"The policies do not parse: {e}", [new DocumentError(e.Message, e.Line, e.Column)]), cancellationToken);
            }

            IReadOnlyList<DocumentError> warnings = [];
            if (current.Schema is not null)
            {
                var validation = Validator.Validate(parsed.Value!, current.Schema);
                if (!validation.IsValid)
                {
                    return await RefuseAsync("policies", auditEvent, text, UpdateOutcome.Refused(ProblemCodes.PolicyInvalid,
                        $"{validation.Errors.Count} validation error(s) against schema version {current.SchemaVersion}.", ToErrors(validation.Errors)), cancellationToken);
                }

                warnings = ToErrors(validation.Warnings);
            }

            var document = await store.AppendAsync(DocumentKind.Policies, SchemaReader.CedarFormat, text, current.SchemaVersion, HistoryActor(auditEvent.Actor),
                stored => Succeeded(auditEvent, stored, parsed.Value!.All.Count), cancellationToken);
            pdp.Activate(current.WithPolicies(parsed.Value!, document));
            PdpLog.Stored(logger, "policies", document.Version, document.Sha256);
            return UpdateOutcome.Stored(document.Version, document.Sha256, parsed.Value!.All.Count, warnings);
        }
        catch (ConcurrentUpdateException e)
        {
            return await RefuseAsync("policies", auditEvent, text, UpdateOutcome.Refused(ProblemCodes.UpdateConcurrent, e.Message), cancellationToken);
        }
        finally
        {
            pdp.Gate.Release();
        }
    }

    /// <summary>
    /// Parses <paramref name="text"/> and validates it against the active schema exactly as
    /// <see cref="UpdatePoliciesAsync"/> would, storing and activating nothing: the editor's check
    /// before saving. Not audited, as a read is not: it changes nothing and reveals nothing the
    /// caller did not send but the schema, which the same role may read.
    /// </summary>
    public PolicyCheck CheckPolicies(string text)
    {
        var current = pdp.Active;
        var parsed = PolicySet.Parse(text);
        if (!parsed.IsSuccess)
        {
            var e = parsed.Error!;
            return new PolicyCheck(ProblemCodes.PolicySyntaxInvalid, [new DocumentError(e.Message, e.Line, e.Column)], [], 0, current.SchemaVersion);
        }

        if (current.Schema is null)
        {
            return new PolicyCheck(null, [], [], parsed.Value!.All.Count, null);
        }

        var validation = Validator.Validate(parsed.Value!, current.Schema);
        return new PolicyCheck(validation.IsValid ? null : ProblemCodes.PolicyInvalid, validation.IsValid ? [] : ToErrors(validation.Errors),
            ToErrors(validation.Warnings), parsed.Value!.All.Count, current.SchemaVersion);
    }

    /// <summary>Replaces the schema; <paramref name="format"/> is <c>cedar</c> or <c>json</c>.</summary>
    /// <param name="text">The new schema.</param>
    /// <param name="format">Its format.</param>
    /// <param name="auditEvent">The event to record, with actor and request filled in.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<UpdateOutcome> UpdateSchemaAsync(string text, string format, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await pdp.Gate.WaitAsync(cancellationToken);
        try
        {
            await pdp.ReloadLockedAsync(cancellationToken);
            var current = pdp.Active;
            var (schema, error) = SchemaReader.Read(text, format);
            if (schema is null)
            {
                return await RefuseAsync("schema", auditEvent, text,
                    UpdateOutcome.Refused(ProblemCodes.SchemaSyntaxInvalid, $"The schema does not parse: {error!.Line}:{error.Column}: {error.Message}", [error!]), cancellationToken);
            }

            // The active policies must stay valid: a schema they do not satisfy is refused.
            var validation = Validator.Validate(current.Policies, schema);
            if (!validation.IsValid)
            {
                return await RefuseAsync("schema", auditEvent, text, UpdateOutcome.Refused(ProblemCodes.SchemaIncompatible,
                    $"The active policies (version {current.PolicyVersion}) do not validate against this schema.", ToErrors(validation.Errors)), cancellationToken);
            }

            var document = await store.AppendAsync(DocumentKind.Schema, format, text, current.PolicyVersion, HistoryActor(auditEvent.Actor),
                stored => Succeeded(auditEvent, stored, null), cancellationToken);
            pdp.Activate(current.WithSchema(schema, document));
            PdpLog.Stored(logger, "schema", document.Version, document.Sha256);
            return UpdateOutcome.Stored(document.Version, document.Sha256, current.Policies.All.Count, ToErrors(validation.Warnings));
        }
        catch (ConcurrentUpdateException e)
        {
            return await RefuseAsync("schema", auditEvent, text, UpdateOutcome.Refused(ProblemCodes.UpdateConcurrent, e.Message), cancellationToken);
        }
        finally
        {
            pdp.Gate.Release();
        }
    }

    private async Task<UpdateOutcome> RefuseAsync(string kind, AuditEvent auditEvent, string text, UpdateOutcome outcome, CancellationToken cancellationToken)
    {
        PdpLog.Refused(logger, kind, outcome.Code!.Value);
        await RecordAsync(auditEvent with
        {
            Outcome = AuditOutcome.Failure,
            Details = new Dictionary<string, string> { ["code"] = outcome.Code!.Value, ["sha256"] = PolicyStore.Sha256(text), ["bytes"] = text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        return outcome;
    }

    private async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(auditEvent, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AuditUnavailableException(e);
        }
    }

    private static AuditEvent Succeeded(AuditEvent auditEvent, StoredDocument stored, int? policyCount)
    {
        var details = new Dictionary<string, string>
        {
            ["version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["sha256"] = stored.Sha256,
            ["format"] = stored.Format,
        };
        if (policyCount is not null)
        {
            details["policies"] = policyCount.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return auditEvent with { Outcome = AuditOutcome.Success, Target = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Details = details };
    }

    /// <summary>Who the history names for a version: the certificate subject, else the signed-in person, else the application.</summary>
    private static string? HistoryActor(AuditActor actor) => actor.Subject ?? actor.User ?? actor.ClientId;

    private static List<DocumentError> ToErrors(IEnumerable<ValidationError> errors) =>
        [.. errors.Select(e => new DocumentError(e.Message, e.Line, e.Column, e.PolicyId))];
}

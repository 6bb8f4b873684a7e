using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Authorization;

namespace Gateway.Edge;

/// <summary>
/// One request's decision, kept until its outcome is known so the audit trail records the request
/// once: denied, or forwarded with the upstream's status, or forwarded to an upstream that failed.
/// </summary>
internal sealed class ForwardRecord(string routeId, AuditActor actor, string resource, AuthorizationDecision decision)
{
    public const string Module = "gateway";
    public const string Action = "request.forward";

    private static readonly object ItemKey = new();

    /// <summary>True once recorded, so an outcome seen twice (a transform, then the error path) is recorded once.</summary>
    public bool IsRecorded { get; private set; }

    public static ForwardRecord? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var record) ? (ForwardRecord?)record : null;

    public void AttachTo(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>Records the request durably before the caller hears anything; throws when the trail cannot (fail closed).</summary>
    public async Task RecordAsync(HttpContext context, AuditOutcome outcome, int? upstreamStatus, IAuditTrail audit)
    {
        var details = new Dictionary<string, string>
        {
            ["route"] = routeId,
            ["method"] = context.Request.Method,
            ["path"] = context.Request.Path.ToString(),
            ["decision"] = decision.IsAllowed ? "allow" : "deny",
            ["policies"] = string.Join(',', decision.DeterminingPolicies),
        };
        if (upstreamStatus is { } status)
        {
            details["upstreamStatus"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (decision.RefusalCode is { } refusal)
        {
            details["refusal"] = refusal;
        }

        await audit.RecordAsync(new AuditEvent
        {
            Module = Module,
            Action = Action,
            Outcome = outcome,
            Actor = actor,
            Target = resource,
            SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
            RequestId = context.TraceIdentifier,
            Details = details,
        }, context.RequestAborted);
        IsRecorded = true;
    }
}

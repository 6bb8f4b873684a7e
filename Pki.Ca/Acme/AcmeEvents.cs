using Microsoft.AspNetCore.Http;
using Platform.Auditing;

namespace Pki.Ca.Acme;

/// <summary>The ACME server's audit actions. The certificate an order issues is recorded by the issuance event, with the order and account in its details.</summary>
internal static class AcmeEvents
{
    public const string Module = Issuance.IssuanceEvents.Module;
    public const string ExternalKeyCreate = "acme.external-account-key.create";
    public const string AccountCreate = "acme.account.create";
    public const string AccountUpdate = "acme.account.update";
    public const string AccountDeactivate = "acme.account.deactivate";
    public const string KeyChange = "acme.account.key-change";
    public const string OrderCreate = "acme.order.create";
    public const string OrderFinalize = "acme.order.finalize";
    public const string ChallengeValidate = "acme.challenge.validate";
    public const string AuthorizationDeactivate = "acme.authorization.deactivate";
    public const string Revoke = "acme.certificate.revoke";

    /// <summary>The actor an ACME account is in the trail: its URL's id.</summary>
    public static AuditActor Actor(string accountId) => new(User: "acme-account:" + accountId);

    /// <summary>The event of a refused <paramref name="action"/>: its ACME error type as the code, its detail as the reason.</summary>
    public static AuditEvent Refused(HttpContext context, AuditActor actor, string action, string? target, AcmeRefusal refusal) =>
        Of(context, actor, action, AuditOutcome.Failure, target, new() { ["code"] = refusal.Problem.Name, ["reason"] = refusal.Message });

    public static AuditEvent Of(HttpContext context, AuditActor actor, string action, AuditOutcome outcome, string? target, Dictionary<string, string> details) => new()
    {
        Module = Module,
        Action = action,
        Outcome = outcome,
        Actor = actor,
        Target = target,
        SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
        RequestId = context.TraceIdentifier,
        Details = details,
    };
}

using Microsoft.AspNetCore;
using OpenIddict.Server;
using Platform.Auditing;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Server;

/// <summary>
/// Records each answer of the token endpoint, issued or refused, before it is written: if the
/// trail cannot record it, the caller gets 503 and no token (fail closed).
/// </summary>
internal sealed class TokenEndpointAudit(IAuditTrail trail) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    // After OpenIddict has settled the response (errors normalised), before its status and body are written.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>().UseSingletonHandler<TokenEndpointAudit>().SetOrder(50_000).Build();

    public async ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var request = context.Transaction.GetHttpRequest();
        var details = new Dictionary<string, string>();
        Add(details, "grantType", context.Request?.GrantType);
        Add(details, "scope", context.Request?.Scope ?? context.Response.Scope);
        Add(details, "error", context.Error);
        Add(details, "errorDescription", context.Response.ErrorDescription);
        Add(details, "reason", ReasonOf(context.Response.ErrorUri));
        // The client is the actor: it authenticated with its secret, assertion or certificate.
        var clientId = context.Request?.ClientId;
        var outcome = context.Error is null ? AuditOutcome.Success : AuditOutcome.Failure;
        var auditEvent = request is null
            ? new AuditEvent { Module = IdentityAudit.Module, Action = IdentityAudit.TokenIssue, Outcome = outcome, Target = clientId, Details = details }
            : HttpAuditContext.For(request.HttpContext, IdentityAudit.Module, IdentityAudit.TokenIssue, outcome, clientId, details);
        await trail.RecordAsync(auditEvent with { Actor = clientId is null ? AuditActor.Anonymous : new AuditActor(ClientId: clientId) }, context.CancellationToken);
    }

    /// <summary>
    /// The refusals an officer looks for, named: a second use of a code or of a rotated refresh
    /// token means one was stolen or a client is broken, and revoked the whole sign-in's tokens.
    /// </summary>
    private static string? ReasonOf(string? errorUri) => errorUri?[(errorUri.LastIndexOf('/') + 1)..] switch
    {
        "ID2010" => "code-replayed",
        "ID2012" => "refresh-token-reused",
        _ => null,
    };

    private static void Add(Dictionary<string, string> details, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[name] = value;
        }
    }
}

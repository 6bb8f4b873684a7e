using Identity.Server.ClientCertificates;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Auditing;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Server;

/// <summary>
/// Records each answer of the token and revocation endpoints, done or refused, before it is written:
/// if the trail cannot record it, the caller gets 503 and no token (fail closed). The actor is the
/// client once it authenticated; one refused before that proved nothing, so the actor is anonymous
/// and the client id it claimed is only the target.
/// </summary>
internal sealed class ClientEndpointAudit(IAuditTrail trail)
    : IOpenIddictServerHandler<ProcessAuthenticationContext>, IOpenIddictServerHandler<ApplyTokenResponseContext>, IOpenIddictServerHandler<ApplyRevocationResponseContext>
{
    /// <summary>Transaction property: the client id, once the client authenticated (or, for a public client, was identified).</summary>
    private const string AuthenticatedProperty = "securityplatform:authenticated-client";

    // Right after OpenIddict's last check of the client's credentials; a refusal before it skips this.
    public static OpenIddictServerHandlerDescriptor AuthenticatedDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientIdParameter>()
            .UseSingletonHandler<ClientEndpointAudit>()
            .SetOrder(OpenIddictServerHandlers.ValidateClientSecret.Descriptor.Order + 500)
            .Build();

    // After OpenIddict has settled the response (errors normalised), before its status and body are written.
    public static OpenIddictServerHandlerDescriptor TokenDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>().UseSingletonHandler<ClientEndpointAudit>().SetOrder(50_000).Build();

    public static OpenIddictServerHandlerDescriptor RevocationDescriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyRevocationResponseContext>().UseSingletonHandler<ClientEndpointAudit>().SetOrder(50_000).Build();

    public ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        context.Transaction.SetProperty(AuthenticatedProperty, context.ClientId);
        return ValueTask.CompletedTask;
    }

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        var details = new Dictionary<string, string>();
        Add(details, "grantType", context.Request?.GrantType);
        Add(details, "scope", context.Request?.Scope ?? context.Response.Scope);
        return RecordAsync(context, IdentityAudit.TokenIssue, context.Request, context.Response, context.Error, details);
    }

    public ValueTask HandleAsync(ApplyRevocationResponseContext context)
    {
        var details = new Dictionary<string, string>();
        Add(details, "tokenTypeHint", context.Request?.TokenTypeHint);
        return RecordAsync(context, IdentityAudit.TokenRevoke, context.Request, context.Response, context.Error, details);
    }

    private async ValueTask RecordAsync(BaseRequestContext context, string action, OpenIddictRequest? request, OpenIddictResponse response, string? error, Dictionary<string, string> details)
    {
        Add(details, "error", error);
        Add(details, "errorDescription", response.ErrorDescription);
        Add(details, "reason", context.Transaction.GetProperty<string>(ClientCertificateAuthentication.RefusalProperty) ?? ReasonOf(response.ErrorUri));
        var clientId = request?.ClientId;
        var outcome = error is null ? AuditOutcome.Success : AuditOutcome.Failure;
        var http = context.Transaction.GetHttpRequest();
        var auditEvent = http is null
            ? new AuditEvent { Module = IdentityAudit.Module, Action = action, Outcome = outcome, Target = clientId, Details = details }
            : HttpAuditContext.For(http.HttpContext, IdentityAudit.Module, action, outcome, clientId, details);
        var authenticated = context.Transaction.GetProperty<string>(AuthenticatedProperty);
        await trail.RecordAsync(auditEvent with { Actor = authenticated is null ? AuditActor.Anonymous : new AuditActor(ClientId: authenticated) }, context.CancellationToken);
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

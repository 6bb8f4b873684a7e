using Microsoft.AspNetCore.Http;
using Platform.Security;

namespace Platform.Auditing;

/// <summary>Reads who is calling, and from where, off a request for audit events.</summary>
public static class HttpAuditContext
{
    /// <summary>The authenticated caller, or <see cref="AuditActor.Anonymous"/>.</summary>
    public static AuditActor Actor(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return AuditActor.Anonymous;
        }

        // A bearer token names its person (sub) and the application presenting it (client_id).
        return new AuditActor(
            Subject: user.FindFirst(PlatformClaims.CertificateSubject)?.Value,
            Serial: user.FindFirst(PlatformClaims.CertificateSerial)?.Value,
            ClientId: user.FindFirst("client_id")?.Value,
            User: user.FindFirst("sub")?.Value ?? user.Identity.Name);
    }

    /// <summary>An event with the request's actor, source address and trace id filled in.</summary>
    public static AuditEvent For(HttpContext context, string module, string action, AuditOutcome outcome, string? target = null,
        IReadOnlyDictionary<string, string>? details = null) => new()
    {
        Module = module,
        Action = action,
        Outcome = outcome,
        Actor = Actor(context),
        Target = target,
        SourceAddress = context.Connection.RemoteIpAddress?.ToString(),
        RequestId = context.TraceIdentifier,
        Details = details ?? new Dictionary<string, string>(),
    };
}

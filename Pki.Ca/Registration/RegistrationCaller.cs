using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Authorization;
using Platform.Http;
using Platform.Security;

namespace Pki.Ca.Registration;

/// <summary>
/// Who takes a registration step: as the decision point is asked about them, as the audit trail
/// names them, and whether they hold a platform role that reads every request (administrator, auditor).
/// </summary>
/// <param name="Principal">The caller for the decision point, and the stable key separation of duty compares.</param>
/// <param name="Actor">The caller as audit events name them.</param>
/// <param name="ReadsAll">An administrator or auditor: reads every department's requests.</param>
/// <param name="SourceAddress">The caller's address.</param>
/// <param name="RequestId">The HTTP request's trace id.</param>
internal sealed record RegistrationCaller(CallerPrincipal Principal, AuditActor Actor, bool ReadsAll, string? SourceAddress, string? RequestId)
{
    /// <summary>The authenticated caller of an HTTP request; null when the decision point cannot be told who it is.</summary>
    public static async Task<RegistrationCaller?> OfAsync(HttpContext context) =>
        await CallerPrincipal.OfAsync(context) is { } principal
            ? new RegistrationCaller(principal, HttpAuditContext.Actor(context),
                context.User.IsInRole(PlatformRoles.Administrator) || context.User.IsInRole(PlatformRoles.Auditor),
                context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier)
            : null;

    /// <summary>The caller as audit events name them.</summary>
    public AuditOrigin Origin => new(Actor, SourceAddress, RequestId);

    /// <summary>How the caller is shown to others (requester, approving officer).</summary>
    public string DisplayName =>
        Actor.Subject is { } subject ? $"{subject} (certificate {Actor.Serial})"
        : Actor.User is { } user ? (Actor.ClientId is { } client && client != user ? $"{user} (via {client})" : user)
        : Actor.ClientId ?? Principal.Key;
}

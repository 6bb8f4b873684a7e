using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Http;
using Platform.Security;
using Pmi.Authorization.AttributeAuthority;

namespace Pmi.Authorization.Endpoints;

/// <summary>
/// Who is granting or delegating: an administrator acts as the attribute authority itself; any other caller
/// only through an active delegation to its client certificate. Anyone else is refused as the platform's
/// authorization refuses a missing role, so the answer does not change for callers without a delegation.
/// </summary>
internal static class GrantorResolver
{
    /// <summary>The grantor (null for the authority itself), or the refusal to answer with.</summary>
    public static async Task<(string? Grantor, IResult? Refusal)> ResolveAsync(HttpContext context, DelegationRegistry delegations, IAuditTrail audit)
    {
        if (context.User.IsInRole(PlatformRoles.Administrator))
        {
            return (null, null);
        }

        var serial = context.User.FindFirst(PlatformClaims.CertificateSerial)?.Value;
        if (!string.IsNullOrEmpty(serial) && (await delegations.ActiveForAsync(serial, context.RequestAborted)).Count > 0)
        {
            return (serial.Trim().ToLowerInvariant().TrimStart('0'), null);
        }

        await audit.RecordAsync(HttpAuditContext.For(context, "platform", "authorization.denied", AuditOutcome.Denied, context.Request.Path), context.RequestAborted);
        return (null, Problems.Result(ProblemCodes.RoleRequired,
            $"This endpoint needs the role '{PlatformRoles.Administrator}', or an active delegation to the client certificate; the certificate carries neither."));
    }
}

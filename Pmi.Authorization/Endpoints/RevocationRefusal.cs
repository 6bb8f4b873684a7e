using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Http;

namespace Pmi.Authorization.Endpoints;

/// <summary>A repeated revocation: 409, as the CA answers a certificate revoked twice, recorded as the action's failure.</summary>
internal static class RevocationRefusal
{
    public static async Task<IResult> AlreadyRevokedAsync(HttpContext context, IAuditTrail audit, AuditEvent auditEvent, string target, ProblemCode code, string detail)
    {
        await audit.RecordAsync(auditEvent with
        {
            Outcome = AuditOutcome.Failure,
            Target = target,
            Details = new Dictionary<string, string> { ["code"] = code.Value },
        }, context.RequestAborted);

        return Problems.Result(code, detail);
    }
}

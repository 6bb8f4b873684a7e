using Microsoft.AspNetCore.Http;
using Platform.Auditing;
using Platform.Http;

namespace Pmi.Authorization.Endpoints;

/// <summary>A repeated revocation: 409 <c>already-revoked</c>, as the CA answers, recorded as the action's failure.</summary>
internal static class RevocationRefusal
{
    public static async Task<IResult> AlreadyRevokedAsync(HttpContext context, IAuditTrail audit, AuditEvent auditEvent, string target, string detail)
    {
        try
        {
            await audit.RecordAsync(auditEvent with
            {
                Outcome = AuditOutcome.Failure,
                Target = target,
                Details = new Dictionary<string, string> { ["code"] = "already-revoked" },
            }, context.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "audit-unavailable", "The audit trail could not record the refusal.");
        }

        return Problems.Result(StatusCodes.Status409Conflict, "already-revoked", detail);
    }
}

using Microsoft.Extensions.DependencyInjection;
using Platform.Auditing;
using Platform.Http;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Edge;

/// <summary>
/// Records an allowed request with the upstream's status once its answer's headers arrive and
/// before anything of it reaches the caller. When the audit trail cannot record it, the caller
/// gets <c>503 audit-unavailable</c> instead of the upstream's answer: it never hears of an action
/// the trail does not hold. (The upstream has acted by then; the trail's refusal is in the log.)
/// </summary>
internal static class ForwardAudit
{
    public static async ValueTask RecordAsync(ResponseTransformContext transform)
    {
        var context = transform.HttpContext;
        if (ForwardRecord.Of(context) is not { } record || transform.ProxyResponse is not { } response)
        {
            return;
        }

        try
        {
            await record.RecordAsync(context, AuditOutcome.Success, (int)response.StatusCode, context.RequestServices.GetRequiredService<IAuditTrail>());
        }
        catch (AuditUnavailableException)
        {
            transform.SuppressResponseBody = true;
            context.Response.Headers.Clear();
            await Problems.WriteAsync(context, ProblemCodes.AuditUnavailable, "The audit trail cannot record the request, so its answer is withheld.");
        }
    }
}

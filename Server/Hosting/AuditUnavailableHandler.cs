using Microsoft.AspNetCore.Diagnostics;
using Platform.Auditing;
using Platform.Http;

namespace Server.Hosting;

/// <summary>
/// An action the audit trail could not record is not confirmed to the caller: 503 problem details
/// rather than a bare 500, whichever module it came from. A change that committed before the
/// trail failed stands, and its event, staged with it, reaches the trail once it is back.
/// </summary>
internal sealed class AuditUnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditUnavailableException)
        {
            return false;
        }

        await Problems.WriteAsync(httpContext, ProblemCodes.AuditUnavailable,
            "The audit trail could not record this action, so it is not confirmed. A change it made stands and is recorded once the trail is back; look before repeating it.");
        return true;
    }
}

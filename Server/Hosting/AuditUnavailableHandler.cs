using Microsoft.AspNetCore.Diagnostics;
using Platform.Auditing;
using Platform.Http;

namespace Server.Hosting;

/// <summary>
/// An action the audit trail could not record did not happen; say so as 503 problem details
/// rather than a bare 500, whichever module it came from.
/// </summary>
internal sealed class AuditUnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not AuditUnavailableException)
        {
            return false;
        }

        await Problems.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, "audit-unavailable",
            "The audit trail could not record this action, so it was not carried out. Try again later.");
        return true;
    }
}

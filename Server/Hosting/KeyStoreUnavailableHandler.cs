using Microsoft.AspNetCore.Diagnostics;
using Platform.Http;
using Platform.Keys;

namespace Server.Hosting;

/// <summary>
/// A signing key the key store cannot use now (a PKCS#11 token failed) is a passing fault, not a
/// bug: 503 problem details, whichever module signed. The next signature tries the token again.
/// </summary>
internal sealed class KeyStoreUnavailableHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not KeyStoreUnavailableException unavailable)
        {
            return false;
        }

        await Problems.WriteAsync(httpContext, ProblemCodes.KeyStoreUnavailable, unavailable.Message);
        return true;
    }
}

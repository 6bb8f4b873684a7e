namespace Platform.Security;

/// <summary>
/// Endpoint metadata of a module that authenticates its callers itself, such as the gateway with
/// each route's own audience: the platform's authentication does not run for such an endpoint
/// (<see cref="PlatformAuthenticationMiddleware"/>), so
/// a bearer token is not validated a second time for an audience the endpoint does not take; the
/// module asks for the certificate scheme itself when it takes a client certificate.
/// </summary>
public sealed class AuthenticatesItself
{
    /// <summary>The one instance endpoints carry.</summary>
    public static AuthenticatesItself Instance { get; } = new();

    private AuthenticatesItself()
    {
    }
}

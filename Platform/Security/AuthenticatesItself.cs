namespace Platform.Security;

/// <summary>
/// Endpoint metadata of a module that authenticates its callers itself, such as the gateway with
/// each route's own audience: the platform's default authentication does not validate a bearer
/// token for such an endpoint (a second validation of every token, for an audience the endpoint
/// does not take), and only reads the client certificate, which the module may use.
/// </summary>
public sealed class AuthenticatesItself
{
    /// <summary>The one instance endpoints carry.</summary>
    public static AuthenticatesItself Instance { get; } = new();

    private AuthenticatesItself()
    {
    }
}

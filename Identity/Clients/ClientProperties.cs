namespace Identity.Clients;

/// <summary>
/// The names under which the platform keeps what OpenIddict has no column for, in the
/// application's properties (JSON values). The token server reads them through
/// <see cref="ClientAudiences"/> and <see cref="ClientCertificateNames"/>.
/// </summary>
public static class ClientProperties
{
    /// <summary>A JSON array of strings: the resource identifiers the application's access tokens carry in <c>aud</c>.</summary>
    public const string Audiences = "audiences";

    /// <summary>A JSON string: the registered token endpoint authentication method (see <see cref="ClientAuthMethods"/>).</summary>
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";
}

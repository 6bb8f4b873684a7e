using Platform.Security;

namespace Platform.Authorization;

/// <summary>Who asks, as the caller authenticated them: by an access token of the platform's identity provider, or by a client certificate of its CA.</summary>
public abstract record AuthorizationPrincipal
{
    private protected AuthorizationPrincipal()
    {
    }
}

/// <summary>
/// The holder of a validated access token: the decision is about what the token says (a person with
/// its roles, department, clearance and sign-in methods, or an application).
/// </summary>
/// <param name="Token">The token as presented (a JWT), for a decision point that validates it again over HTTP.</param>
/// <param name="Claims">What the validated token says.</param>
public sealed record AccessTokenPrincipal(string Token, ValidatedAccessToken Claims) : AuthorizationPrincipal;

/// <summary>
/// The holder of a client certificate the platform's CA issued, by serial number (lowercase hex):
/// the decision is about <c>Certificate::"&lt;serial&gt;"</c> with the privileges of its valid
/// attribute certificates.
/// </summary>
public sealed record CertificatePrincipal(string SerialNumber) : AuthorizationPrincipal;

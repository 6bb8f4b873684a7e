using Microsoft.AspNetCore.Http;
using Platform.Authorization;

namespace Gateway.Edge;

/// <summary>
/// The headers in which an upstream learns who called and what was decided. Whatever a client
/// sends under these names (or any other <c>X-SecurityPlatform-</c> name) is removed before the
/// request goes on, so an upstream never sees a caller's claim about itself. Values are
/// percent-encoded UTF-8 (logins and role names may be Chinese), lists comma-separated.
/// </summary>
internal static class IdentityHeaders
{
    private const string Prefix = "X-SecurityPlatform-";

    /// <summary>Who: <c>person:&lt;login&gt;</c>, <c>application:&lt;client id&gt;</c> or <c>certificate:&lt;serial&gt;</c>.</summary>
    public const string Principal = Prefix + "Principal";

    /// <summary>The roles a token carries (for a certificate holder the decision point knows them; the header is then absent).</summary>
    public const string Roles = Prefix + "Roles";

    /// <summary>The person's department, when the token names one.</summary>
    public const string Department = Prefix + "Department";

    /// <summary>The decision: <c>allow</c>, then <c>; policies=</c> and the determining policy ids.</summary>
    public const string Decision = Prefix + "Decision";

    public static void RemoveFrom(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys.Where(k => k.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }
    }

    /// <summary>The principal as <see cref="Principal"/> names it (percent-encoded).</summary>
    public static string NameOf(AuthorizationPrincipal principal) => principal switch
    {
        AccessTokenPrincipal { Claims: var claims } => (claims.IsPerson ? "person:" : "application:") + Uri.EscapeDataString(claims.IsPerson ? claims.Subject : claims.ClientId),
        CertificatePrincipal { SerialNumber: var serial } => "certificate:" + serial,
        _ => throw new ArgumentException("An unknown kind of principal.", nameof(principal)),
    };

    public static void Add(IHeaderDictionary headers, AuthorizationPrincipal principal, AuthorizationDecision decision)
    {
        switch (principal)
        {
            case AccessTokenPrincipal { Claims: var claims }:
                headers[Principal] = NameOf(principal);
                headers[Roles] = string.Join(',', claims.Roles.Select(Uri.EscapeDataString));
                if (claims.Department is { Length: > 0 } department)
                {
                    headers[Department] = Uri.EscapeDataString(department);
                }

                break;
            case CertificatePrincipal:
                headers[Principal] = NameOf(principal);
                break;
        }

        headers[Decision] = "allow; policies=" + string.Join(',', decision.DeterminingPolicies.Select(Uri.EscapeDataString));
    }
}

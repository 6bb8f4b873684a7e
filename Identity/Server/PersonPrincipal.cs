using Identity.People;
using Microsoft.IdentityModel.Tokens;
using Platform.Privileges;
using Platform.Security;
using OpenIddict.Abstractions;
using System.Collections.Immutable;
using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Identity.Server;

/// <summary>
/// What the tokens say of a person: who (<c>sub</c>, <c>name</c>), their department and roles,
/// and how they signed in (<c>amr</c>, <c>auth_time</c>). The access token always carries the
/// department and roles (resource servers decide on them); the identity token carries the
/// profile claims when the <c>profile</c> scope was granted.
/// </summary>
internal static class PersonPrincipal
{
    public const string DepartmentClaim = AccessTokenClaims.Department;

    /// <summary>The highest RFC 5755 clearance of the person's valid attribute certificates.</summary>
    public const string ClearanceClaim = AccessTokenClaims.Clearance;

    /// <summary>
    /// The principal of <paramref name="person"/>: roles are those the directory gives them plus
    /// those of the valid attribute certificates held by their certificates (<paramref name="privileges"/>).
    /// </summary>
    public static ClaimsPrincipal Create(Person person, HeldPrivileges privileges, string method, long authTime, ImmutableArray<string> scopes, ImmutableArray<string> audiences)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Login);
        identity.SetClaims(Claims.AuthenticationMethodReference, [method]);
        identity.SetClaim(Claims.AuthenticationTime, authTime);
        identity.SetScopes(scopes);
        identity.SetAudiences(audiences);
        Refresh(identity, person, privileges);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>What the composed privilege sources grant <paramref name="person"/> now (none without the PMI module).</summary>
    public static HeldPrivileges PrivilegesOf(Person person, IEnumerable<IPrivilegeSource> sources) =>
        sources.Select(source => source.For(person.Certificates)).FirstOrDefault() ?? HeldPrivileges.None;

    /// <summary>Sets what may have changed since the sign-in: names, department, roles, clearance; and where each claim goes.</summary>
    public static void Refresh(ClaimsIdentity identity, Person person, HeldPrivileges privileges)
    {
        identity.SetClaim(Claims.Name, person.DisplayName);
        identity.SetClaim(Claims.PreferredUsername, person.Login);
        identity.SetClaim(DepartmentClaim, person.Department);
        identity.SetClaims(Claims.Role, [.. person.Roles.Union(privileges.Roles, StringComparer.Ordinal)]);
        identity.SetClaim(ClearanceClaim, privileges.Clearance);
        var scopes = identity.GetScopes();
        identity.SetDestinations(claim => DestinationsOf(claim, scopes));
    }

    private static IEnumerable<string> DestinationsOf(Claim claim, ImmutableArray<string> scopes) => claim.Type switch
    {
        Claims.Subject or Claims.AuthenticationMethodReference or Claims.AuthenticationTime => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name or Claims.PreferredUsername when scopes.Contains(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
        DepartmentClaim or Claims.Role or ClearanceClaim when scopes.Contains(Scopes.Profile) || scopes.Contains(Scopes.Roles) => [Destinations.AccessToken, Destinations.IdentityToken],
        DepartmentClaim or Claims.Role or ClearanceClaim => [Destinations.AccessToken],
        _ => [Destinations.AccessToken],
    };
}

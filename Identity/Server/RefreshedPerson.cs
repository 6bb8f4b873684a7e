using Identity.People;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using Platform.Privileges;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Server;

/// <summary>
/// A refresh token outlives what it was issued on: at each refresh the person is read again, so a
/// disabled person's refresh is refused, and the new tokens carry today's name, department, roles
/// and clearance (a revoked attribute certificate stops counting), not those of the sign-in.
/// </summary>
internal sealed class RefreshedPerson(PeopleDirectory people, IEnumerable<IPrivilegeSource> privilegeSources) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    // After OpenIddict put the refresh token's principal in place.
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>().UseSingletonHandler<RefreshedPerson>().SetOrder(200_000).Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsRefreshTokenGrantType() || context.Principal is not { } principal || principal.GetClaim(Claims.AuthenticationMethodReference) is null)
        {
            return;
        }

        var person = await people.GetAsync(principal.GetClaim(Claims.Subject)!, context.CancellationToken);
        if (person is null || person.Disabled)
        {
            context.Reject(Errors.InvalidGrant, "The person this refresh token was issued to can no longer sign in.");
            return;
        }

        var privileges = PersonPrincipal.PrivilegesOf(person, privilegeSources);
        // The refresh token's principal is kept (its scopes, audiences, authorization, sign-in time); what describes the person is replaced.
        PersonPrincipal.Refresh((System.Security.Claims.ClaimsIdentity)principal.Identity!, person, privileges);
    }
}

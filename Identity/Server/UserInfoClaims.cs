using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Server;

/// <summary>
/// What userinfo tells about a person beyond OpenIddict's standard claims: their name with the
/// <c>profile</c> scope, their department and roles with <c>profile</c> or <c>roles</c>, the same
/// claims the identity token carries.
/// </summary>
internal sealed class UserInfoClaims : IOpenIddictServerHandler<HandleUserInfoRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleUserInfoRequestContext>().UseSingletonHandler<UserInfoClaims>().SetOrder(100_000).Build();

    public ValueTask HandleAsync(HandleUserInfoRequestContext context)
    {
        var principal = context.AccessTokenPrincipal!;
        if (principal.HasScope(Scopes.Profile))
        {
            Set(context, Claims.Name, principal.GetClaim(Claims.Name));
            context.PreferredUsername = principal.GetClaim(Claims.PreferredUsername);
        }

        if (principal.HasScope(Scopes.Profile) || principal.HasScope(Scopes.Roles))
        {
            Set(context, PersonPrincipal.DepartmentClaim, principal.GetClaim(PersonPrincipal.DepartmentClaim));
            Set(context, PersonPrincipal.ClearanceClaim, principal.GetClaim(PersonPrincipal.ClearanceClaim));
            context.Claims[Claims.Role] = new OpenIddictParameter([.. principal.GetClaims(Claims.Role)]);
        }

        return default;
    }

    private static void Set(HandleUserInfoRequestContext context, string name, string? value)
    {
        if (value is not null)
        {
            context.Claims[name] = value;
        }
    }
}

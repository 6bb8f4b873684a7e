using Identity.Clients;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Identity.Server;

/// <summary>
/// The client-credentials grant (RFC 6749 §4.4): OpenIddict has authenticated the client and
/// checked its grant and scope permissions; this names the principal, the client itself, and the
/// audiences the client was registered for. Codes and refresh tokens need no such step: OpenIddict
/// reuses the principal they carry.
/// </summary>
internal sealed class ClientCredentialsGrant(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<HandleTokenRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleTokenRequestContext>().UseSingletonHandler<ClientCredentialsGrant>().SetOrder(100_000).Build();

    public async ValueTask HandleAsync(HandleTokenRequestContext context)
    {
        if (!context.Request.IsClientCredentialsGrantType() || context.Principal is not null)
        {
            return;
        }

        var clientId = context.ClientId ?? context.Request.ClientId!;
        var application = await applications.FindByClientIdAsync(clientId, context.CancellationToken)
            ?? throw new InvalidOperationException($"The authenticated client {clientId} is not registered.");
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetClaim(Claims.ClientId, clientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.CancellationToken) ?? clientId);
        identity.SetScopes(context.Request.GetScopes());
        identity.SetAudiences([.. await ClientAudiences.ReadAsync(applications, application, context.CancellationToken)]);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
    }
}

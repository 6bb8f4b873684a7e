using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Server.Tests.Hosting;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Server.Tests.Identity;

/// <summary>Confidential clients for the token tests, registered through OpenIddict's manager in the running host.</summary>
internal static class TestClients
{
    /// <summary>A resource scope the test clients may ask for.</summary>
    public const string ApiScope = "api";

    /// <summary>Registers a client allowed the client-credentials grant, introspection and revocation, with scope <see cref="ApiScope"/>; its new id.</summary>
    public static async Task<string> RegisterAsync(PlatformServer server, string secret, string[]? audiences = null)
    {
        var applications = server.Services.GetRequiredService<IOpenIddictApplicationManager>();
        var clientId = "registry-" + Guid.NewGuid().ToString("n")[..8];
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientSecret = secret, ClientType = ClientTypes.Confidential, DisplayName = "Registry",
            Permissions =
            {
                Permissions.Endpoints.Token, Permissions.Endpoints.Introspection, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + ApiScope,
            },
        };
        if (audiences is not null)
        {
            descriptor.Properties["audiences"] = JsonSerializer.SerializeToElement(audiences);
        }

        await applications.CreateAsync(descriptor);
        var scopes = server.Services.GetRequiredService<IOpenIddictScopeManager>();
        if (await scopes.FindByNameAsync(ApiScope) is null)
        {
            await scopes.CreateAsync(new OpenIddictScopeDescriptor { Name = ApiScope, DisplayName = "The city's data exchange" });
        }

        return clientId;
    }
}

using Identity.Clients;
using Identity.People;
using Identity.Server;
using Identity.Signing;
using Identity.Storage;
using Identity.Storage.OpenIddict;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Storage;

namespace Identity;

/// <summary>Composes the OpenID Connect provider into a host.</summary>
public static class IdentityServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "identity";

    /// <summary>Adds the identity provider: its database, OpenID Connect and OAuth 2 server, people and applications.</summary>
    public static IServiceCollection AddIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section));
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, IdentityMigrations.All));
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.AddIdentityStores().AddIdentityServer(configuration);
        services.AddPeople(configuration);
        services.AddIdentitySigning();
        services.AddClients();
        return services;
    }

    /// <summary>Maps the OpenID Connect endpoints (<c>/.well-known/openid-configuration</c>, <c>/connect/…</c>) and the administration API (<c>/identity/…</c>).</summary>
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPeople();
        endpoints.MapIdentityServer();
        endpoints.MapClients();
        return endpoints;
    }
}

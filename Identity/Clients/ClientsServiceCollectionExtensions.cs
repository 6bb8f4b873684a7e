using Identity.Clients.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Identity.Clients;

/// <summary>Composes the registry of applications (OAuth clients) into the identity module.</summary>
internal static class ClientsServiceCollectionExtensions
{
    public static IServiceCollection AddClients(this IServiceCollection services)
    {
        services.TryAddSingleton<ClientRegistry>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Hosting.IStartupTask, BuiltInClientRegistration>());
        return services;
    }

    public static IEndpointRouteBuilder MapClients(this IEndpointRouteBuilder endpoints)
    {
        ClientEndpoints.Map(endpoints);
        return endpoints;
    }
}

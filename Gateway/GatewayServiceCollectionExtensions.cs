using Gateway.Edge;
using Gateway.Routes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms;

namespace Gateway;

/// <summary>Composes the gateway into a host: YARP routes and clusters from the <c>Gateway</c> section, each request enforced at the edge.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>The configuration section, in YARP's own shape (<c>Routes</c>, <c>Clusters</c>), reloaded on change.</summary>
    public const string Section = "Gateway";

    /// <summary>Adds the gateway. It needs the platform's authentication, an <see cref="Platform.Authorization.IAuthorizationDecisionPoint"/> and the audit trail.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(Section))
            .AddConfigFilter<RouteRequirementsFilter>()
            .AddTransforms(transforms => transforms.AddResponseTransform(ForwardAudit.RecordAsync));
        return services;
    }

    /// <summary>Maps the gateway's routes: enforcement first, then YARP's own steps to choose a destination.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<EdgeEnforcement>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return endpoints;
    }
}

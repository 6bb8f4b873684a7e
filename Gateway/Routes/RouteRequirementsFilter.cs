using Yarp.ReverseProxy.Configuration;

namespace Gateway.Routes;

/// <summary>
/// Checks each route's requirements when the configuration is loaded or reloaded: a route whose
/// metadata does not read stops the platform from starting, and a reload with one is refused
/// whole (the routes in force stay), so a request never meets a route it cannot enforce.
/// </summary>
internal sealed class RouteRequirementsFilter : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        var (_, error) = RouteRequirements.Parse(route);
        return error is null ? new(route) : throw new InvalidOperationException($"Gateway route '{route.RouteId}': {error}");
    }
}

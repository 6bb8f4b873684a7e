using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;

namespace Gateway.Routes;

/// <summary>
/// Readiness of the gateway: its routes are loaded; a cluster with no available destination
/// (active or passive health checks took them all out) makes it degraded, not unready, since its
/// other routes still serve.
/// </summary>
internal sealed class GatewayHealthCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var routes = proxy.GetRoutes().Count();
        var down = proxy.GetClusters()
            .Where(c => c.Destinations.Count > 0 && c.DestinationsState.AvailableDestinations.Count == 0)
            .Select(c => c.ClusterId).ToList();
        var loaded = routes == 0 ? "No routes configured." : $"{routes} routes loaded.";
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy(loaded)
            : HealthCheckResult.Degraded($"{loaded} No destination available in cluster {string.Join(", ", down)}."));
    }
}

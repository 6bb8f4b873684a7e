using Gateway.Decisions;
using Gateway.Edge;
using Gateway.Remote;
using Gateway.Routes;
using Gateway.Signing;
using Gateway.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Hosting;
using Platform.Keys.Inventory;
using Platform.Security;
using Platform.Storage;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Gateway;

/// <summary>Composes the gateway into a host: YARP routes and clusters from the <c>Gateway</c> section, each request enforced at the edge.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>The configuration section, in YARP's own shape (<c>Routes</c>, <c>Clusters</c>), reloaded on change.</summary>
    public const string Section = "Gateway";

    /// <summary>The module's database name (its settings: which key signs).</summary>
    public const string DatabaseName = "gateway";

    /// <summary>
    /// Adds the gateway. It needs the platform's authentication, an
    /// <see cref="Platform.Authorization.IAuthorizationDecisionPoint"/>, the audit trail, the key
    /// store and the platform's certificate issuer.
    /// </summary>
    public static IServiceCollection AddGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, GatewayMigrations.All));
        services.AddOptions<GatewaySigningOptions>().BindConfiguration(GatewaySigningOptions.Section)
            .Validate(o => o.RenewDaysBeforeExpiry is >= 1 and <= 365, "Gateway:Signing:RenewDaysBeforeExpiry is between 1 and 365.")
            .Validate(o => o.PublishAheadMinutes is >= 0 and <= 7 * 24 * 60, "Gateway:Signing:PublishAheadMinutes is between 0 and 10080 (a week).")
            .Validate(o => o.CheckSeconds is >= 1 and <= 3600, "Gateway:Signing:CheckSeconds is between 1 and 3600.")
            .ValidateOnStart();
        services.AddOptions<DecisionCacheOptions>().BindConfiguration(DecisionCacheOptions.Section)
            .Validate(o => o.MaxAgeSeconds is >= 0 and <= 3600, "Gateway:DecisionCache:MaxAgeSeconds is between 0 (off) and 3600.")
            .Validate(o => o.MaxEntries is >= 1 and <= 10_000_000, "Gateway:DecisionCache:MaxEntries is between 1 and 10,000,000.")
            .ValidateOnStart();
        services.AddOptions<RemoteDecisionPointOptions>().BindConfiguration(RemoteDecisionPointOptions.Section)
            .Validate(o => o.Url is null || (o.Url.IsAbsoluteUri && o.Url.Scheme == Uri.UriSchemeHttps), "Gateway:DecisionPoint:Url is an absolute https address.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 60, "Gateway:DecisionPoint:TimeoutSeconds is between 1 and 60.")
            .ValidateOnStart();
        if (!string.IsNullOrWhiteSpace(configuration[RemoteDecisionPointOptions.Section + ":Url"]))
        {
            // Asked over HTTP instead of in process, even where the authorization module is hosted alongside.
            services.Replace(ServiceDescriptor.Singleton<Platform.Authorization.IAuthorizationDecisionPoint, HttpDecisionPoint>());
        }

        services.TryAddSingleton<DecisionCache>();
        services.TryAddSingleton<RouteLimits>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<GatewayCredentials>(sp,
            new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName))));
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<GatewayCredentials>());
        services.AddHostedService<GatewayKeyRenewal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyInventorySource, GatewayKeyInventorySource>(sp => ActivatorUtilities.CreateInstance<GatewayKeyInventorySource>(sp,
            new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)))));
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(Section))
            .AddConfigFilter<RouteRequirementsFilter>()
            .AddTransforms(transforms => transforms.AddResponseTransform(ForwardAudit.RecordAsync));
        services.AddSingleton<IForwarderHttpClientFactory, SigningForwarderHttpClientFactory>();
        return services;
    }

    /// <summary>Maps the gateway's routes (enforcement first, then YARP's own steps to choose a destination) and <c>GET /gateway/keys</c>.</summary>
    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        GatewayKeysEndpoint.Map(endpoints);
        endpoints.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<EdgeEnforcement>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).WithMetadata(AuthenticatesItself.Instance);
        return endpoints;
    }
}

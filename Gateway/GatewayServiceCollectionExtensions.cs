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
using Platform.Authorization;
using Platform.Certificates;
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
    /// Adds the gateway, after the modules hosted with it. It needs the platform's authentication,
    /// the audit trail and the key store; the decision point, the token validator and the CA's
    /// services it uses in process when their modules are there, and asks the platform named in
    /// <c>Gateway:Platform</c> for those that are not.
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
        services.AddOptions<PlatformConnectionOptions>().BindConfiguration(PlatformConnectionOptions.Section)
            .Validate(o => o.Url is null || (o.Url.IsAbsoluteUri && o.Url.Scheme == Uri.UriSchemeHttps), "Gateway:Platform:Url is an absolute https address.")
            .Validate(o => o.TimeoutSeconds is >= 1 and <= 60, "Gateway:Platform:TimeoutSeconds is between 1 and 60.")
            .Validate(o => o.StatusRefreshSeconds is >= 1 and <= 3600, "Gateway:Platform:StatusRefreshSeconds is between 1 and 3600.")
            .ValidateOnStart();
        services.TryAddSingleton<DecisionCache>();
        services.TryAddSingleton<RouteLimits>();
        services.AddHealthChecks().AddCheck<GatewayHealthCheck>("gateway", tags: ["ready"]);

        var elsewhere = !string.IsNullOrWhiteSpace(configuration[PlatformConnectionOptions.Section + ":Url"]);
        if (elsewhere)
        {
            services.TryAddSingleton<PlatformConnection>();
            // Asked over HTTP instead of in process, even where the authorization module is hosted alongside.
            services.Replace(ServiceDescriptor.Singleton<IAuthorizationDecisionPoint, HttpDecisionPoint>());
            services.TryAddSingleton<IAccessTokenValidator, JwksAccessTokenValidator>();
        }

        if (services.Any(d => d.ServiceType == typeof(IPlatformCertificateIssuer)))
        {
            AddKeyRing(services);
        }
        else
        {
            if (!elsewhere)
            {
                throw new InvalidOperationException(
                    "The gateway runs without the platform's CA in this process: set Gateway:Platform:Url (with its ClientCertificateFile, ClientKeyFile and TrustedCaFile) to the platform it fronts.");
            }

            // Certificates judged against the platform's CAs and its OCSP answers; the signing key from files.
            services.TryAddSingleton<OcspCertificateStatus>();
            services.TryAddSingleton<ICertificateStatusSource>(sp => sp.GetRequiredService<OcspCertificateStatus>());
            services.AddHostedService(sp => sp.GetRequiredService<OcspCertificateStatus>());
            services.TryAddSingleton<IClientCertificateValidator, ChainCertificateValidator>();
            services.TryAddSingleton<FileSigningCredentials>();
            services.TryAddSingleton<IGatewaySigningKeys>(sp => sp.GetRequiredService<FileSigningCredentials>());
            services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<FileSigningCredentials>());
            services.AddHostedService(sp => sp.GetRequiredService<FileSigningCredentials>());
        }

        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection(Section))
            .AddConfigFilter<RouteRequirementsFilter>()
            .AddTransforms(transforms => transforms.AddResponseTransform(ForwardAudit.RecordAsync));
        services.AddSingleton<IForwarderHttpClientFactory, SigningForwarderHttpClientFactory>();
        return services;
    }

    /// <summary>The signing keys made and renewed with the CA in process, shared by every node through the gateway's settings.</summary>
    private static void AddKeyRing(IServiceCollection services)
    {
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<GatewayCredentials>(sp,
            new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName))));
        services.TryAddSingleton<IGatewaySigningKeys>(sp => sp.GetRequiredService<GatewayCredentials>());
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<GatewayCredentials>());
        services.AddHostedService<GatewayKeyRenewal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKeyInventorySource, GatewayKeyInventorySource>(sp => ActivatorUtilities.CreateInstance<GatewayKeyInventorySource>(sp,
            new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)))));
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

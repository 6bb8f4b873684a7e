using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Decisions;
using Pmi.Authorization.Endpoints;
using Pmi.Authorization.Storage;
using Platform.Hosting;
using Platform.Storage;

namespace Pmi.Authorization;

/// <summary>Composes the policy decision point into a host.</summary>
public static class PmiAuthorizationServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "authz";

    /// <summary>Adds the policy decision point: versioned policies and schema, decisions, and their administration.</summary>
    public static IServiceCollection AddPmiAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PolicyDecisionOptions>().Bind(configuration.GetSection(PolicyDecisionOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, AuthorizationMigrations.All));
        services.TryAddSingleton(sp => new PolicyStore(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName),
            sp.GetRequiredService<Platform.Auditing.AuditOutbox>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DecisionInputsVersion>(sp));
        services.AddMetrics();
        services.TryAddSingleton<Metrics.AuthorizationMetrics>();
        // Optional parameters are given, not resolved: ActivatorUtilities takes their defaults.
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<PolicyDecisionPoint>(sp,
            sp.GetRequiredService<HolderDirectory>(), sp.GetRequiredService<DecisionInputsVersion>(), sp.GetRequiredService<Metrics.AuthorizationMetrics>()));
        services.TryAddSingleton<PolicyAdministration>();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("authorization", tags: ["ready"]);
        services.TryAddSingleton<Platform.Authorization.IAuthorizationDecisionPoint, InProcessDecisionPoint>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<PolicyDecisionPoint>());
        services.AddSingleton<IStartupTask, DefaultPolicyBootstrap>();
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<AuthorizationRefresh>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));

        // The attribute authority (RFC 5755); needs an IPlatformCertificateIssuer, an ICertificateStatusSource and an IKeyStore.
        services.AddOptions<AttributeAuthorityOptions>().Bind(configuration.GetSection(AttributeAuthorityOptions.Section));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AttributeAuthorityCredentials>(sp,
            new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName))));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AttributeCertificateIssuer>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<AttributeAuthorityCredentials>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Keys.Inventory.IKeyInventorySource, AttributeAuthorityKeyInventorySource>(sp =>
            new AttributeAuthorityKeyInventorySource(new ModuleSettings(sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)),
                sp.GetRequiredService<Platform.Certificates.IPlatformCertificateIssuer>())));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<HolderDirectory>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<HolderDirectory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Privileges.IPrivilegeSource, AttributePrivilegeSource>());
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AttributeRevocation>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<DelegationRegistry>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<AttributeCertificateQueries>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<PolicyHistory>(sp, sp.GetRequiredKeyedService<IModuleDatabase>(DatabaseName)));
        services.AddOptions<SeparationOfDutyOptions>().Bind(configuration.GetSection(PolicyDecisionOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton<SeparationOfDuty>();
        return services;
    }

    /// <summary>Maps <c>/authz/policies</c>, <c>/authz/schema</c>, <c>/authz/is-authorized</c> and <c>/pmi/attribute-certificates</c>.</summary>
    public static IEndpointRouteBuilder MapPmiAuthorization(this IEndpointRouteBuilder endpoints)
    {
        PolicyEndpoints.Map(endpoints);
        DecisionEndpoints.Map(endpoints);
        AttributeCertificateEndpoints.Map(endpoints);
        DelegationEndpoints.Map(endpoints);
        return endpoints;
    }
}

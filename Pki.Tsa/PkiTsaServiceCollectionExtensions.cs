using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pki.Tsa.Authority;
using Pki.Tsa.Clock;
using Pki.Tsa.Endpoints;
using Pki.Tsa.Protocol;
using Pki.Tsa.Storage;
using Platform.Hosting;
using Platform.Storage;

namespace Pki.Tsa;

/// <summary>Composes the time-stamp authority into a host.</summary>
public static class PkiTsaServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "tsa";

    /// <summary>Adds the TSA: credentials, clock monitor and protocol. Needs an <see cref="Platform.Certificates.IPlatformCertificateIssuer"/>.</summary>
    public static IServiceCollection AddPkiTsa(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TsaOptions>().Bind(configuration.GetSection(TsaOptions.Section));
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => new ModuleSettings(sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, TsaMigrations.All)));
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<TsaCredentials>(sp, sp.GetRequiredKeyedService<ModuleSettings>(DatabaseName)));
        services.TryAddSingleton<TimeStamper>();
        services.TryAddSingleton<Platform.TimeStamping.ITimeStampAuthority, InProcessTimeStampAuthority>();
        services.TryAddSingleton<ClockMonitor>();
        services.AddMetrics();
        services.TryAddSingleton<Metrics.TsaMetrics>();
        services.TryAddSingleton<ClockSchedule>();
        // The sources come from configuration; tests may register their own ITimeSource list instead.
        services.TryAddSingleton<IReadOnlyList<ITimeSource>>(sp =>
        {
            var clock = sp.GetRequiredService<IOptions<TsaOptions>>().Value.Clock;
            var time = sp.GetRequiredService<TimeProvider>();
            return clock.NtpServers.Select(s => (ITimeSource)NtpTimeSource.Parse(s, TimeSpan.FromMilliseconds(clock.TimeoutMilliseconds), time)).ToList();
        });
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<TsaCredentials>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Keys.Inventory.IKeyInventorySource, TsaKeyInventorySource>(sp => new TsaKeyInventorySource(
            sp.GetRequiredKeyedService<ModuleSettings>(DatabaseName), sp.GetRequiredService<Platform.Certificates.IPlatformCertificateIssuer>())));
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<ClockSchedule>());
        services.AddHostedService(sp => sp.GetRequiredService<ClockSchedule>());
        services.AddHealthChecks().AddCheck<ClockHealthCheck>("tsa-clock", tags: ["ready"]);
        return services;
    }

    /// <summary>Maps <c>POST /tsa</c> and <c>GET /tsa/certificate-chain</c>.</summary>
    public static IEndpointRouteBuilder MapPkiTsa(this IEndpointRouteBuilder endpoints)
    {
        TsaEndpoints.Map(endpoints);
        return endpoints;
    }
}

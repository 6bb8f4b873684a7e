using Audit.Endpoints;
using Audit.Export;
using Audit.Publishing;
using Audit.Sequencing;
using Audit.Storage;
using Audit.TimeStamps;
using Audit.Trail;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Hosting;
using Platform.Storage;
using Platform.TimeStamping;

namespace Audit;

/// <summary>Composes the tamper-evident audit trail into a host.</summary>
public static class AuditServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "audit";

    /// <summary>
    /// Adds the audit log, its checkpoints and the <see cref="IAuditTrail"/> that every module
    /// records into, replacing the platform's log-only trail.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section));
        services.TryAddSingleton(sp => new SqlAuditStore(sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, AuditMigrations.All)));
        services.TryAddSingleton<IAuditStore>(sp => sp.GetRequiredService<SqlAuditStore>());
        services.TryAddSingleton(sp => new TreeHashes(sp.GetRequiredService<IAuditStore>()));
        services.AddMetrics();
        services.TryAddSingleton<Metrics.AuditMetrics>();
        services.TryAddSingleton<AuditSequencer>();
        // The TSA is optional: a process without it (a gateway alone) publishes checkpoints without tokens.
        services.TryAddSingleton(sp => new CheckpointTimeStamper(sp.GetService<ITimeStampAuthority>(), sp.GetRequiredService<IAuditStore>(),
            sp.GetService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<CheckpointTimeStamper>>()));
        services.TryAddSingleton<CheckpointPublisher>();
        services.TryAddSingleton<ICheckpointPublisher>(sp => sp.GetRequiredService<CheckpointPublisher>());
        services.Replace(ServiceDescriptor.Singleton<IAuditTrail, AuditTrail>());
        services.AddSingleton<IStartupTask, AuditStartup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Keys.Inventory.IKeyInventorySource, CheckpointKeyInventorySource>());
        services.AddHostedService<CheckpointTimer>();
        services.AddHostedService<SyslogExporter>();
        services.AddHealthChecks().AddCheck<TimeStampHealthCheck>("audit-timestamps", tags: ["ready"])
            .AddCheck<Health.AuditHealthCheck>("audit", tags: ["ready"]);
        return services;
    }

    /// <summary>Maps the audit endpoints under <c>/audit</c>.</summary>
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        AuditEndpoints.Map(endpoints);
        return endpoints;
    }
}

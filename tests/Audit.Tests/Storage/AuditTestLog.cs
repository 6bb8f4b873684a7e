using Audit.Publishing;
using Audit.Sequencing;
using Audit.Storage;
using Audit.Trail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Hosting;
using Platform.Storage;

namespace Audit.Tests.Storage;

/// <summary>
/// The audit module wired as the host wires it (platform kernel plus <c>AddAudit</c>), without a
/// web server, over a data directory and optionally a PostgreSQL database. Disposing and opening
/// again on the same storage is a restart.
/// </summary>
internal sealed class AuditTestLog : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly List<IHostedService> started = [];

    private AuditTestLog(ServiceProvider services) => this.services = services;

    public IAuditStore Store => services.GetRequiredService<IAuditStore>();

    public SqlAuditStore SqlStore => services.GetRequiredService<SqlAuditStore>();

    public AuditSequencer Sequencer => services.GetRequiredService<AuditSequencer>();

    public ICheckpointPublisher Publisher => services.GetRequiredService<ICheckpointPublisher>();

    public global::Audit.TimeStamps.CheckpointTimeStamper Stamper => services.GetRequiredService<global::Audit.TimeStamps.CheckpointTimeStamper>();

    public TreeHashes Hashes => services.GetRequiredService<TreeHashes>();

    public IAuditTrail Trail => services.GetRequiredService<IAuditTrail>();

    public System.Diagnostics.Metrics.IMeterFactory Meters => services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    public IModuleDatabase Database => SqlStore.Database;

    public static async Task<AuditTestLog> OpenAsync(string dataDirectory, string? postgres = null, string origin = "test.example/audit",
        IReadOnlyDictionary<string, string?>? extra = null, bool startBackground = false, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Platform:DataDirectory"] = dataDirectory,
            ["Audit:Origin"] = origin,
        };
        if (postgres is not null)
        {
            settings["Platform:Storage:Provider"] = "PostgreSql";
            settings["Platform:Storage:ConnectionString"] = postgres;
        }

        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddPlatform(configuration);
        services?.Invoke(collection);
        collection.AddAudit(configuration);
        var provider = collection.BuildServiceProvider();
        foreach (var task in provider.GetServices<IStartupTask>().OfType<AuditStartup>())
        {
            await task.RunAsync(CancellationToken.None);
        }

        var log = new AuditTestLog(provider);
        if (startBackground)
        {
            foreach (var service in provider.GetServices<IHostedService>())
            {
                await service.StartAsync(CancellationToken.None);
                log.started.Add(service);
            }
        }

        return log;
    }

    public static AuditEvent Event(string action = "test.append", string? target = null, string module = "tests",
        AuditOutcome outcome = AuditOutcome.Success, string? subject = null) => new()
    {
        Module = module,
        Action = action,
        Outcome = outcome,
        Target = target,
        Actor = new AuditActor(Subject: subject),
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var service in started)
        {
            await service.StopAsync(CancellationToken.None);
        }

        await services.DisposeAsync();
    }
}

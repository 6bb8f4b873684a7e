using Audit.Publishing;
using Audit.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Auditing;
using Platform.Hosting;

namespace Audit.Benchmarks;

/// <summary>The audit module wired as the host wires it, on SQLite in a fresh directory.</summary>
public sealed class AuditLogHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private AuditLogHost(ServiceProvider services, string directory)
    {
        this.services = services;
        Directory = directory;
    }

    public string Directory { get; }

    public IAuditTrail Trail => services.GetRequiredService<IAuditTrail>();

    internal IAuditStore Store => services.GetRequiredService<IAuditStore>();

    internal TreeHashes Hashes => services.GetRequiredService<TreeHashes>();

    public static async Task<AuditLogHost> OpenAsync(string? directory = null)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "audit-bench-" + Guid.NewGuid().ToString("n"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:DataDirectory"] = directory,
            ["Audit:Origin"] = "bench.example/audit",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        collection.AddPlatform(configuration);
        collection.AddAudit(configuration);
        var provider = collection.BuildServiceProvider();
        foreach (var task in provider.GetServices<IStartupTask>().OfType<AuditStartup>())
        {
            await task.RunAsync(CancellationToken.None);
        }

        return new AuditLogHost(provider, directory);
    }

    public static AuditEvent Event(int writer, int i) => new()
    {
        Module = "bench",
        Action = "bench.append",
        Outcome = AuditOutcome.Success,
        Target = $"w{writer}-{i}",
        Actor = new AuditActor(Subject: "CN=Benchmark,O=City", Serial: "0a1b2c3d"),
        SourceAddress = "192.0.2.7",
        Details = new Dictionary<string, string> { ["profile"] = "tls-server" },
    };

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pki.Ca;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Platform.Hosting;
using Platform.Storage;

namespace Platform.Benchmarks;

/// <summary>
/// The CA's services as the server composes them (P-256 hierarchy, SQLite with durable commits),
/// without the web host, over a temporary data directory that is deleted afterwards. Logging has
/// no provider, so audit events cost their formatting but are not written.
/// </summary>
internal sealed class CaFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly string dataDirectory;

    private CaFixture(ServiceProvider services, string dataDirectory)
    {
        this.services = services;
        this.dataDirectory = dataDirectory;
    }

    public CertificateIssuer Issuer => services.GetRequiredService<CertificateIssuer>();

    public CaRegistry Registry => services.GetRequiredService<CaRegistry>();

    public PkiUrls Urls => services.GetRequiredService<PkiUrls>();

    public IDatabaseFactory Databases => services.GetRequiredService<IDatabaseFactory>();

    public static CaFixture Start()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("platform-benchmarks-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Platform:DataDirectory"] = dataDirectory,
            ["Platform:PublicBaseUrl"] = "http://127.0.0.1:5000",
            ["Pki:Hierarchy:Algorithm"] = "ECDSA-P256",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddSingleton<IConfiguration>(configuration);
        collection.AddLogging();
        collection.AddPlatform(configuration);
        collection.AddPkiCa(configuration);
        var services = collection.BuildServiceProvider();
        foreach (var task in services.GetServices<IStartupTask>().OrderBy(t => t.Order))
        {
            task.RunAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return new CaFixture(services, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
    }
}

using Identity.Signing;
using Identity.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Server;
using Platform.Hosting;
using Platform.Keys;
using Platform.Storage;
using Platform.Tests.Storage.Harness;
using System.Security.Cryptography;
using TestSupport;

namespace Identity.Tests.Signing;

/// <summary>
/// The signing services as <c>AddIdentitySigning</c> composes them, over a real SQLite identity
/// database and software key store, with a clock the test moves. "Restarting" builds a new
/// provider on the same database and store, as a restarted server would.
/// </summary>
internal sealed class SigningHarness : IAsyncDisposable
{
    private readonly SqliteStorageTarget target = new();
    private readonly TemporaryDirectory keys = new();
    private readonly IModuleDatabase database;
    private readonly List<ServiceProvider> providers = [];
    private readonly Dictionary<string, string?> configuration;

    public SigningHarness(Dictionary<string, string?>? settings = null, IKeyStore? store = null)
    {
        configuration = settings ?? [];
        database = target.CreateFactory().Open(IdentityServiceCollectionExtensions.DatabaseName, IdentityMigrations.All);
        Store = store ?? new SoftwareKeyStore(keys.Path, Kek);
        Services = Build();
    }

    public KeyEncryptionKey Kek { get; } = KeyEncryptionKey.FromBytes(RandomNumberGenerator.GetBytes(32), "test");

    public FakeTimeProvider Time { get; private set; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    public IKeyStore Store { get; }

    public ServiceProvider Services { get; private set; }

    public ModuleSettings Settings => Services.GetRequiredKeyedService<ModuleSettings>(IdentityServiceCollectionExtensions.DatabaseName);

    public OpenIddictServerOptions Options => Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue;

    /// <summary>The kid OpenIddict signs the next token with: its first signing credential's.</summary>
    public string Signer => Options.SigningCredentials[0].Kid;

    /// <summary>The kids the JWKS publishes, in order.</summary>
    public IReadOnlyList<string> Published => [.. Options.SigningCredentials.Select(c => c.Kid)];

    /// <summary>Runs the signing start-up task, as the host does before it listens.</summary>
    public async Task StartAsync()
    {
        foreach (var task in Services.GetServices<IStartupTask>().OrderBy(t => t.Order))
        {
            await task.RunAsync(CancellationToken.None);
        }
    }

    /// <summary>A new server process on the same database and key store, started; on a clock set to <paramref name="clock"/> when given (another node's).</summary>
    public async Task RestartAsync(DateTimeOffset? clock = null)
    {
        if (clock is { } at)
        {
            Time = new FakeTimeProvider(at);
        }

        Services = Build();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await target.DisposeAsync();
        keys.Dispose();
    }

    private ServiceProvider Build()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddSingleton<TimeProvider>(Time)
            .AddSingleton(Kek)
            .AddSingleton(Store)
            .AddKeyedSingleton(IdentityServiceCollectionExtensions.DatabaseName, database)
            .AddKeyedSingleton(IdentityServiceCollectionExtensions.DatabaseName, (_, _) => new ModuleSettings(database));
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        services.AddIdentitySigning();
        var provider = services.BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }
}

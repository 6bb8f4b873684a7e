using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Keys;
using Platform.Storage;

namespace Platform.Hosting;

/// <summary>Registers the shared kernel: options, storage, key store, time and the default audit trail.</summary>
public static class PlatformServiceCollectionExtensions
{
    /// <summary>Adds the platform kernel's services.</summary>
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section))
            .Validate(o => o.RequestBody.Problem() is null, "Platform:RequestBody is out of range: timeouts between 0.1 s (grace: over 1 s) and 600 s, a rate between 1 and 1048576 bytes per second.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDatabaseFactory>(sp => new DatabaseFactory(sp.GetRequiredService<IOptions<PlatformOptions>>().Value));
        services.TryAddSingleton(sp => KeyEncryptionKey.Resolve(
            sp.GetRequiredService<IOptions<PlatformOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Keys")));
        services.TryAddKeyedSingleton<IKeyStore>(KeyStores.Transport, (sp, _) => new SoftwareKeyStore(
            Path.Combine(sp.GetRequiredService<IOptions<PlatformOptions>>().Value.DataDirectoryPath, "keys"),
            sp.GetRequiredService<KeyEncryptionKey>()));
        services.TryAddSingleton(KeyStores.Create);
        services.AddSingleton<IStartupTask, KeyStoreStartupCheck>();
        services.TryAddSingleton<Keys.Inventory.IKeyInventory, Keys.Inventory.KeyInventory>();
        services.TryAddSingleton<IAuditTrail, LogAuditTrail>();
        services.TryAddSingleton<AuditOutbox>();
        services.TryAddSingleton<AuditOutboxDrainer>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<AuditOutboxDrainer>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditOutboxDrainer>());
        return services;
    }
}

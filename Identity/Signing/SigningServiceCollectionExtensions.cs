using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Platform.Hosting;
using Platform.Keys;
using Platform.Keys.Inventory;
using Platform.Storage;

namespace Identity.Signing;

/// <summary>Composes the token-signing and token-encryption keys into a host.</summary>
internal static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// Registers the key ring, its start-up task, its key-inventory entry and the options that
    /// hand OpenIddict's server its signing and encryption credentials. It registers no OpenIddict
    /// server itself: whoever does gets the credentials through <see cref="IConfigureOptions{TOptions}"/>.
    /// </summary>
    internal static IServiceCollection AddIdentitySigning(this IServiceCollection services)
    {
        services.AddOptions<SigningOptions>().BindConfiguration(IdentityOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SecretSealer(sp.GetRequiredService<KeyEncryptionKey>()));
        services.TryAddSingleton<SigningKeyRingState>();
        services.AddHealthChecks().AddCheck<SigningHealthCheck>("identity", tags: ["ready"]);
        services.TryAddSingleton<SigningKeyRotation>();
        services.TryAddSingleton<ISigningKeyRotator, AuditedSigningKeyRotation>();
        services.TryAddSingleton(sp => new TokenEncryptionKey(
            sp.GetRequiredKeyedService<IModuleDatabase>(IdentityServiceCollectionExtensions.DatabaseName),
            sp.GetRequiredKeyedService<ModuleSettings>(IdentityServiceCollectionExtensions.DatabaseName),
            sp.GetRequiredService<SecretSealer>(),
            sp.GetRequiredService<ILogger<TokenEncryptionKey>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISealedSecretStore, SealedTokenEncryptionKey>());
        services.AddSingleton<IStartupTask, SigningKeyStartup>();
        services.AddSingleton<IKeyInventorySource, SigningKeyInventorySource>();
        services.AddSingleton<IConfigureOptions<OpenIddictServerOptions>, ConfigureSigningCredentials>();
        services.AddSingleton<IOptionsChangeTokenSource<OpenIddictServerOptions>, SigningKeyChangeTokenSource>();
        services.AddHostedService(sp => new SigningKeyRingRefresh(
            sp.GetRequiredService<SigningKeyRotation>(), sp.GetRequiredService<SigningKeyRingState>(),
            sp.GetRequiredKeyedService<IModuleDatabase>(IdentityServiceCollectionExtensions.DatabaseName),
            sp.GetRequiredService<IOptions<SigningOptions>>(), sp.GetRequiredService<IOptions<IdentityOptions>>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SigningKeyRingRefresh>>()));
        return services;
    }
}

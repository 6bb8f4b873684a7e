using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Hosting;
using Platform.Keys.Pkcs11;

namespace Platform.Keys;

/// <summary>
/// Chooses the key store from <c>Platform:KeyStore:Provider</c>. Beside it, the software store
/// is always registered under the key <see cref="Transport"/> for the keys TLS itself must hold
/// (the HTTPS listener's): .NET's SslStream signs the handshake with an in-process RSA or ECDsa
/// object, which a PKCS#11 key is not.
/// </summary>
public static class KeyStores
{
    /// <summary>The service key of the software store that holds transport (TLS) keys whatever the provider.</summary>
    public const string Transport = "transport";

    /// <summary>The store that <c>Platform:KeyStore:Provider</c> names.</summary>
    internal static IKeyStore Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<PlatformOptions>>().Value.KeyStore;
        if (string.Equals(options.Provider, KeyStoreSettings.Software, StringComparison.OrdinalIgnoreCase))
        {
            return services.GetRequiredKeyedService<IKeyStore>(Transport);
        }

        if (string.Equals(options.Provider, KeyStoreSettings.Pkcs11Provider, StringComparison.OrdinalIgnoreCase))
        {
            return Pkcs11KeyStore.Connect(options.Pkcs11, services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Keys.Pkcs11"));
        }

        throw new InvalidOperationException(
            $"Platform:KeyStore:Provider '{options.Provider}' is not one of {KeyStoreSettings.Software}, {KeyStoreSettings.Pkcs11Provider}.");
    }
}

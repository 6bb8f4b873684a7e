using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pki.Ca.Storage;
using Platform.Keys;

namespace Pki.Ca.Escrow;

/// <summary>The key escrow's services, added by <see cref="PkiCaServiceCollectionExtensions.AddPkiCa"/>.</summary>
internal static class EscrowServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        // Escrowed keys are sealed under the key store's key-encryption key, as every module's sealed secrets are.
        services.TryAddSingleton(sp => new SecretSealer(sp.GetRequiredService<KeyEncryptionKey>()));
        services.TryAddSingleton<IKeyEscrowStore>(sp => (IKeyEscrowStore)sp.GetRequiredService<ICaStore>());
        services.TryAddSingleton<EncryptionCertificateIssuer>();
        services.TryAddSingleton<EncryptionPairReader>();
        services.TryAddSingleton<KeyRecoveryAuthority>();
        services.TryAddSingleton<IHeldDecryptionKeys, EscrowedDecryptionKeys>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISealedSecretStore, EscrowedKeySeals>());
        services.AddSingleton(new Platform.Authorization.DefaultPolicies(Issuance.IssuanceEvents.Module, EscrowPolicy.Default));
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Authorization;
using Platform.Hosting;
using Platform.Storage;
using Signatures.Cades;

namespace Signatures.Seals;

/// <summary>Seals and signing, added by <see cref="SignaturesServiceCollectionExtensions.AddSignatures"/>.</summary>
internal static class SealServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SealStore(
            sp.GetRequiredKeyedService<IModuleDatabase>(SignaturesServiceCollectionExtensions.DatabaseName), sp.GetRequiredService<Platform.Auditing.AuditOutbox>()));
        services.TryAddSingleton<SealRegistry>();
        services.AddHealthChecks().AddCheck<SealHealthCheck>("signatures", tags: ["ready"]);
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<SealRegistry>());
        services.TryAddSingleton<CadesSigner>();
        services.TryAddSingleton<SignerCertificates>();
        services.TryAddSingleton<SealDecisionCache>();
        services.AddMetrics();
        services.TryAddSingleton<Metrics.SignatureMetrics>();
        services.TryAddSingleton<SealSigning>();
        services.TryAddSingleton<ExternalSignatures>();
        services.AddSingleton(new DefaultPolicies(SealEvents.Module, SealPolicy.Default));
    }
}

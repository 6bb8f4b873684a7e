using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Authorization;
using Platform.Certificates;

namespace Signatures.Envelopes;

/// <summary>Encryption and decryption of documents, added by <see cref="SignaturesServiceCollectionExtensions.AddSignatures"/>.</summary>
internal static class EnvelopeServices
{
    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new RecipientCertificates(
            sp.GetService<IPlatformCertificateIssuer>(), sp.GetService<ICertificateStatusSource>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.TryAddSingleton<EnvelopeEncryption>();
        services.TryAddSingleton<EnvelopeDecryption>();
        services.AddSingleton(new DefaultPolicies(EnvelopeEvents.Module, EnvelopePolicy.Default));
    }
}

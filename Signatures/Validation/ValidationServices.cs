using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Signatures.Validation.Chains;
using Signatures.Validation.Revocation;
using Signatures.Validation.TimeStamps;

namespace Signatures.Validation;

/// <summary>Registers signature validation; the trust-anchor files are read and checked at start-up.</summary>
internal static class ValidationServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<SignaturesOptions>()
            .Validate(options =>
            {
                foreach (var file in options.TrustAnchors)
                {
                    TrustAnchorFiles.Read(file);
                }

                return true;
            })
            .ValidateOnStart();
        services.TryAddSingleton<VerifiedSignatures>();
        services.TryAddSingleton<TrustAnchors>();
        services.TryAddSingleton<CertificatePathBuilder>();
        services.TryAddSingleton<TimeStampTokenValidator>();
        services.TryAddSingleton<RevocationChecker>();
        services.TryAddSingleton<SignatureValidator>();
    }
}

using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Storage;
using Signatures.Storage;

namespace Signatures;

/// <summary>Composes the signature and encryption service into a host.</summary>
public static class SignaturesServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "signatures";

    /// <summary>
    /// Adds seals and signing, validation, and encryption. Uses the platform's
    /// <see cref="Platform.Certificates.IPlatformCertificateIssuer"/>, <see cref="Platform.TimeStamping.ITimeStampAuthority"/>
    /// and <see cref="Platform.Certificates.IRevocationEvidence"/> when the host has them.
    /// </summary>
    public static IServiceCollection AddSignatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignaturesOptions>().Bind(configuration.GetSection(SignaturesOptions.Section));
        services.TryAddKeyedSingleton(DatabaseName, (sp, _) => sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, SignaturesMigrations.All));
        Seals.SealServices.Add(services);
        Validation.ValidationServices.Add(services);
        Envelopes.EnvelopeServices.Add(services);
        return services;
    }

    /// <summary>Maps the <c>/signatures</c> endpoints.</summary>
    public static IEndpointRouteBuilder MapSignatures(this IEndpointRouteBuilder endpoints)
    {
        Seals.SealEndpoints.Map(endpoints);
        Validation.ValidationEndpoints.Map(endpoints);
        Envelopes.EnvelopeEndpoints.Map(endpoints);
        return endpoints;
    }
}

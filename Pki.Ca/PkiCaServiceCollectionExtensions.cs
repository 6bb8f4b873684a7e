using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pki.Ca.Administrator;
using Pki.Ca.Authentication;
using Pki.Ca.Crl;
using Pki.Ca.Ocsp;
using Pki.Ca.Revocation;
using Pki.Ca.Endpoints;
using Pki.Ca.Hierarchy;
using Pki.Ca.Issuance;
using Pki.Ca.Profiles;
using Pki.Ca.Storage;
using Platform.Hosting;
using Platform.Security;
using Platform.Storage;

namespace Pki.Ca;

/// <summary>Composes the certificate authority into a host.</summary>
public static class PkiCaServiceCollectionExtensions
{
    /// <summary>The module's database name.</summary>
    public const string DatabaseName = "ca";

    /// <summary>Adds the CA: repository, hierarchy bootstrap, profiles, issuance and client-certificate validation.</summary>
    public static IServiceCollection AddPkiCa(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CaOptions>().Bind(configuration.GetSection(CaOptions.Section))
            .Validate(o => { o.Validate(); return true; }).ValidateOnStart();
        services.TryAddSingleton<ICaStore>(sp => new SqlCaStore(
            sp.GetRequiredService<IDatabaseFactory>().Open(DatabaseName, CaMigrations.All), sp.GetRequiredService<Platform.Auditing.AuditOutbox>()));
        services.TryAddSingleton(sp => new ProfileCatalog(sp.GetRequiredService<IOptions<CaOptions>>().Value));
        services.TryAddSingleton<CaRegistry>();
        services.AddHealthChecks().AddCheck<Health.CaHealthCheck>("ca", tags: ["ready"]);
        services.TryAddSingleton<PkiUrls>();
        services.AddMetrics();
        services.TryAddSingleton<Metrics.CaMetrics>();
        services.TryAddSingleton<CertificateIssuer>();
        services.TryAddSingleton<Platform.Certificates.IPlatformCertificateIssuer, PlatformCertificateIssuer>();
        services.TryAddSingleton<ServerCertificateSource>();
        services.TryAddSingleton<IServerCertificateSource>(sp => sp.GetRequiredService<ServerCertificateSource>());
        services.TryAddSingleton<IClientCertificateValidator, CaClientCertificateValidator>();
        services.TryAddSingleton<IRevocationStore>(sp => (IRevocationStore)sp.GetRequiredService<ICaStore>());
        services.TryAddSingleton<Registration.IRegistrationStore>(sp => (Registration.IRegistrationStore)sp.GetRequiredService<ICaStore>());
        services.TryAddSingleton<Registration.RegistrationAuthority>();
        AddAcme(services);
        Escrow.EscrowServices.Add(services);
        services.AddSingleton(new Platform.Authorization.DefaultPolicies(Issuance.IssuanceEvents.Module, Registration.RegistrationPolicy.Default));
        services.TryAddSingleton<RevocationService>();
        services.TryAddSingleton<CrlPublisher>();
        services.TryAddSingleton<OcspResponderCertificates>();
        services.TryAddSingleton<OcspResponder>();
        services.TryAddSingleton<OcspResponseCache>();
        services.TryAddSingleton<Platform.Certificates.IRevocationEvidence, PlatformRevocationEvidence>();
        // In this order: dropping the pre-signed OCSP answers cannot fail and must not wait for
        // the CRL, whose publication can take long or fail (the CRL schedule then catches up).
        services.AddSingleton<IRevocationListener>(sp => sp.GetRequiredService<OcspResponseCache>());
        // Then the holders' status the authorization module decides on: a memory update and one read.
        services.TryAddSingleton<CertificateStatusDirectory>();
        services.TryAddSingleton<Platform.Certificates.ICertificateStatusSource>(sp => sp.GetRequiredService<CertificateStatusDirectory>());
        services.AddSingleton<IRevocationListener>(sp => sp.GetRequiredService<CertificateStatusDirectory>());
        services.AddSingleton<IRevocationListener, CrlRevocationListener>();
        services.AddSingleton<IStartupTask, HierarchyBootstrap>();
        services.AddSingleton<IStartupTask, CredentialsBootstrap>();
        services.AddSingleton<IStartupTask>(sp => sp.GetRequiredService<OcspResponderCertificates>());
        services.AddHostedService<CrlSchedule>();
        services.AddHostedService<OcspMaintenance>();
        services.AddHostedService<RevocationSync>();
        services.TryAddSingleton<IAdministratorRenewal, AdministratorRenewal>();
        services.TryAddSingleton<Ceremonies.RootCeremony>();
        services.TryAddSingleton<Ceremonies.CaRollover>();
        services.TryAddSingleton<Ceremonies.CeremonyLoader>();
        services.TryAddSingleton<Ceremonies.OfflineRootInstallation>();
        services.TryAddSingleton<Ceremonies.CrlImport>();
        services.AddHostedService<AdministratorExpiryMonitor>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Platform.Keys.Inventory.IKeyInventorySource, Inventory.CaKeyInventorySource>());
        return services;
    }

    /// <summary>The ACME server: its store (the CA's database), request reader, services and challenge validation.</summary>
    private static void AddAcme(IServiceCollection services)
    {
        services.TryAddSingleton<Acme.IAcmeStore>(sp => (Acme.IAcmeStore)sp.GetRequiredService<ICaStore>());
        services.TryAddSingleton(sp => new Platform.Keys.SecretSealer(sp.GetRequiredService<Platform.Keys.KeyEncryptionKey>()));
        // Keys handed out but not used yet would stop verifying if keys rewrap left their MAC keys under the old key-encryption key.
        services.AddSingleton<Platform.Keys.ISealedSecretStore>(sp => new Platform.Keys.SealedColumn(((SqlCaStore)sp.GetRequiredService<ICaStore>()).Database,
            "CA ACME external account keys", "acme_external_keys", "id", "mac_key", Acme.ExternalAccountKey.SealPurpose,
            id => $"The MAC key of ACME external account key '{id}' (CA database, acme_external_keys)"));
        services.TryAddSingleton<Acme.ReplayNonces>();
        services.TryAddSingleton<Acme.AcmeRequestReader>();
        services.TryAddSingleton<Acme.AcmeAccounts>();
        services.TryAddSingleton<Acme.AcmeOrders>();
        services.TryAddSingleton<Acme.AcmeChallenges>();
        services.TryAddSingleton<Acme.AcmeRevocations>();
        services.TryAddSingleton<Acme.Validation.ValidationResolver>();
        services.TryAddSingleton<Acme.Validation.ValidationConnections>();
        services.TryAddSingleton<Acme.Validation.Http01Validation>();
        services.TryAddSingleton<Acme.Validation.TlsAlpn01Validation>();
        services.TryAddSingleton<Acme.Validation.ChallengeValidator>();
    }

    /// <summary>Maps the CA's endpoints under <c>/pki</c>.</summary>
    public static IEndpointRouteBuilder MapPkiCa(this IEndpointRouteBuilder endpoints)
    {
        CaEndpoints.Map(endpoints);
        return endpoints;
    }
}

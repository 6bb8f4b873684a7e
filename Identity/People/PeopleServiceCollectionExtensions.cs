using Identity.People.Endpoints;
using Identity.People.Passwords;
using Identity.People.SignIn;
using Identity.People.Storage;
using Identity.People.Totp;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Auditing;
using Platform.Keys;
using Platform.Storage;

namespace Identity.People;

/// <summary>Composes the directory of people, password and one-time-code sign-in into the identity module.</summary>
internal static class PeopleServiceCollectionExtensions
{
    public static IServiceCollection AddPeople(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PeopleOptions>().Bind(configuration.GetSection(PeopleOptions.Section))
            // Thrown, so that the refusal to start names every problem.
            .Validate(o => o.Problems() is not { Count: > 0 } problems ? true : throw new InvalidOperationException(string.Join(" ", problems)))
            .ValidateOnStart();
        services.TryAddSingleton<IPersonStore>(sp => new SqlPersonStore(
            sp.GetRequiredKeyedService<IModuleDatabase>(IdentityServiceCollectionExtensions.DatabaseName), sp.GetRequiredService<AuditOutbox>()));
        services.TryAddSingleton(sp => new SecretSealer(sp.GetRequiredService<KeyEncryptionKey>()));
        services.TryAddSingleton<PasswordHasher>();
        services.TryAddSingleton<PasswordPolicy>();
        services.TryAddSingleton<AddressAttemptLimiter>();
        services.TryAddSingleton<PeopleDirectory>();
        services.TryAddSingleton<TotpEnrolment>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISealedSecretStore, SealedTotpSeeds>());
        services.AddMetrics();
        services.TryAddSingleton<Metrics.IdentityMetrics>();
        services.TryAddSingleton<PasswordSignIn>();
        return services;
    }

    public static IEndpointRouteBuilder MapPeople(this IEndpointRouteBuilder endpoints)
    {
        PeopleEndpoints.Map(endpoints);
        return endpoints;
    }
}

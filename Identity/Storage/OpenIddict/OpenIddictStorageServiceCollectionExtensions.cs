using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Identity.Storage.OpenIddict;

/// <summary>OpenIddict's managers on the module's own stores.</summary>
internal static class OpenIddictStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers OpenIddict's core with the identity database's stores, as singletons: they hold
    /// no state beyond the database, whose writer group-commits, so one instance serves every
    /// request. OpenIddict's entity cache stays off: with two nodes on PostgreSQL a cached token
    /// would hide the other node's redemption or revocation. What a request reads is kept for that
    /// request only (<see cref="RequestMemo"/>).
    /// </summary>
    public static OpenIddictBuilder AddIdentityStores(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<RequestMemo>();
        return services.AddOpenIddict().AddCore(core => core
            .SetDefaultApplicationEntity<IdentityApplication>()
            .SetDefaultAuthorizationEntity<IdentityAuthorization>()
            .SetDefaultScopeEntity<IdentityScope>()
            .SetDefaultTokenEntity<IdentityToken>()
            .ReplaceApplicationStore<IdentityApplication, SqlApplicationStore>(ServiceLifetime.Singleton)
            .ReplaceAuthorizationStore<IdentityAuthorization, SqlAuthorizationStore>(ServiceLifetime.Singleton)
            .ReplaceScopeStore<IdentityScope, SqlScopeStore>(ServiceLifetime.Singleton)
            .ReplaceTokenStore<IdentityToken, SqlTokenStore>(ServiceLifetime.Singleton)
            .DisableEntityCaching());
    }
}

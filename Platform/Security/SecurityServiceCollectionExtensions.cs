using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.RateLimiting;

namespace Platform.Security;

/// <summary>Registers client-certificate authentication and one authorization policy per platform role.</summary>
public static class SecurityServiceCollectionExtensions
{
    /// <summary>
    /// Adds authentication by client certificate (and by bearer token once a module enables it in
    /// <see cref="PlatformAuthenticationOptions"/>) and the policies <c>administrator</c> and <c>auditor</c>.
    /// The host supplies <see cref="Platform.Certificates.ICertificateStatusSource"/> (the CA does), and binds
    /// <c>Platform:RateLimits</c> with <see cref="RateLimitingServiceCollectionExtensions.AddPlatformRateLimiting"/>.
    /// </summary>
    public static IServiceCollection AddPlatformSecurity(this IServiceCollection services)
    {
        services.AddAuthentication(PlatformAuthentication.SchemeName)
            .AddPolicyScheme(PlatformAuthentication.SchemeName, "Client certificate or bearer token", scheme => scheme.ForwardDefaultSelector = PlatformAuthentication.Select)
            .AddScheme<AuthenticationSchemeOptions, ClientCertificateAuthenticationHandler>(ClientCertificateAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(PlatformRoles.Administrator, policy => policy.RequireRole(PlatformRoles.Administrator))
            // Officers read the trail; administrators may too.
            .AddPolicy(PlatformRoles.Auditor, policy => policy.RequireRole(PlatformRoles.Auditor, PlatformRoles.Administrator));
        services.AddOptions<RateLimitOptions>();
        services.TryAddSingleton<ClientCertificateRefusalLimiter>();
        services.TryAddSingleton<RateLimitRefusals>();
        return services;
    }
}

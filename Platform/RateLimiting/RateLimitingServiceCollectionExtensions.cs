using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using System.Threading.RateLimiting;

namespace Platform.RateLimiting;

/// <summary>Registers the per-address rate limits (<c>Platform:RateLimits</c>) and the <see cref="ClientAddressPartitions.Anonymous"/> policy.</summary>
public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// Adds ASP.NET Core rate limiting with the <see cref="ClientAddressPartitions.Anonymous"/> policy, bound to
    /// <c>Platform:RateLimits</c> and validated at start-up. The host calls <c>UseRateLimiter()</c> before
    /// authentication, so that a refused request causes no audit event at all.
    /// </summary>
    public static IServiceCollection AddPlatformRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.TokenLimit > 0 && o.TokensPerPeriod > 0 && o.ReplenishmentPeriod > TimeSpan.Zero,
                "Platform:RateLimits: TokenLimit and TokensPerPeriod must be positive and ReplenishmentPeriod longer than zero.")
            .ValidateOnStart();
        services.TryAddSingleton<RateLimitRefusals>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : (TimeSpan?)null;
                return new ValueTask(rejected.HttpContext.RequestServices.GetRequiredService<RateLimitRefusals>()
                    .RefuseAsync(rejected.HttpContext, ClientAddressPartitions.Anonymous, retryAfter));
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, options) =>
            limiter.AddPolicy(ClientAddressPartitions.Anonymous, context => ClientAddressPartitions.For(context, options.Value)));
        return services;
    }
}

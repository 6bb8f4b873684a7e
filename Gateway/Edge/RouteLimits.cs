using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Gateway.Routes;

namespace Gateway.Edge;

/// <summary>
/// The rate limits of the gateway's routes, as token buckets in this node's memory: one for the
/// whole route and one per caller. A route's buckets are kept across configuration reloads while its
/// limits stay the same, and replaced when they change.
/// </summary>
internal sealed class RouteLimits : IDisposable
{
    private readonly ConcurrentDictionary<string, Limiters> byRoute = new(StringComparer.Ordinal);

    /// <summary>Takes one request from the route's bucket; false, with when to try again if known, when it is empty.</summary>
    public bool AdmitToRoute(string routeId, RouteRequirements route, out TimeSpan? retryAfter) =>
        Admit(Of(routeId, route).Route?.AttemptAcquire(), out retryAfter);

    /// <summary>Takes one request from <paramref name="caller"/>'s bucket on the route; false, with when to try again if known, when it is empty.</summary>
    public bool AdmitCaller(string routeId, RouteRequirements route, string caller, out TimeSpan? retryAfter) =>
        Admit(Of(routeId, route).Caller?.AttemptAcquire(caller), out retryAfter);

    public void Dispose()
    {
        foreach (var limiters in byRoute.Values)
        {
            limiters.Dispose();
        }
    }

    private static bool Admit(RateLimitLease? lease, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        if (lease is null)
        {
            return true;
        }

        using (lease)
        {
            if (!lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
            {
                retryAfter = after;
            }

            return lease.IsAcquired;
        }
    }

    private Limiters Of(string routeId, RouteRequirements route)
    {
        var spec = $"{route.PerRoute} {route.PerClient}";
        if (byRoute.TryGetValue(routeId, out var known) && known.Spec == spec)
        {
            return known;
        }

        var made = new Limiters(spec, route.PerRoute is { } whole ? Bucket(whole) : null,
            route.PerClient is { } each ? PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetTokenBucketLimiter(caller, _ => Options(each))) : null);
        var stored = byRoute.AddOrUpdate(routeId, made, (_, old) => old.Spec == spec ? old : made);
        if (stored != made)
        {
            made.Dispose();
        }
        else if (known is not null)
        {
            known.Dispose();
        }

        return stored;
    }

    private static TokenBucketRateLimiter Bucket(RateLimit limit) => new(Options(limit));

    private static TokenBucketRateLimiterOptions Options(RateLimit limit) => new()
    {
        TokenLimit = limit.Requests,
        TokensPerPeriod = limit.Requests,
        ReplenishmentPeriod = limit.Period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private sealed record Limiters(string Spec, RateLimiter? Route, PartitionedRateLimiter<string>? Caller) : IDisposable
    {
        public void Dispose()
        {
            Route?.Dispose();
            Caller?.Dispose();
        }
    }
}

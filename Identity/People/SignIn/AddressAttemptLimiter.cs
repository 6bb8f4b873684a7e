using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;
using Platform.RateLimiting;

namespace Identity.People.SignIn;

/// <summary>
/// A token bucket of sign-in attempts per client address (IPv6 by /64, as the platform's other
/// per-address limits), on this node, timed by the injected clock. It is checked before the
/// login is looked up or a password hashed, so a flood of guesses costs the node nothing.
/// </summary>
internal sealed class AddressAttemptLimiter(IOptions<PeopleOptions> options, TimeProvider time)
{
    // Past this many addresses, those whose buckets are full again are forgotten.
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);

    /// <summary>Takes one attempt for <paramref name="address"/>; when none is left, how long until one is.</summary>
    public (bool Allowed, TimeSpan RetryAfter) TryTake(IPAddress? address)
    {
        var settings = options.Value.SignIn;
        var perToken = TimeSpan.FromMinutes(1) / settings.AddressAttemptsPerMinute;
        var now = time.GetUtcNow();
        if (buckets.Count > MaxTracked)
        {
            Forget(now, settings.AddressBurst, perToken);
        }

        var bucket = buckets.GetOrAdd(ClientAddressPartitions.KeyOf(address), _ => new Bucket(settings.AddressBurst, now));
        lock (bucket)
        {
            bucket.Refill(now, settings.AddressBurst, perToken);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens--;
                return (true, TimeSpan.Zero);
            }

            return (false, perToken * (1 - bucket.Tokens));
        }
    }

    private void Forget(DateTimeOffset now, int burst, TimeSpan perToken)
    {
        foreach (var (key, bucket) in buckets)
        {
            lock (bucket)
            {
                bucket.Refill(now, burst, perToken);
                if (bucket.Tokens >= burst)
                {
                    buckets.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, DateTimeOffset at)
    {
        public double Tokens { get; set; } = tokens;

        public void Refill(DateTimeOffset now, int burst, TimeSpan perToken)
        {
            if (now > at)
            {
                Tokens = Math.Min(burst, Tokens + (now - at) / perToken);
                at = now;
            }
        }
    }
}

using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;

namespace Platform.RateLimiting;

/// <summary>
/// One token bucket per client address. IPv6 callers are grouped by their /64 prefix, since one
/// host is usually handed a whole /64 and could otherwise take a fresh address per request.
/// </summary>
public static class ClientAddressPartitions
{
    /// <summary>The name of the policy endpoints take with <c>RequireRateLimiting</c>: anonymous, audited work.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>The partition of <paramref name="context"/>'s client address under <paramref name="options"/>.</summary>
    public static RateLimitPartition<string> For(HttpContext context, RateLimitOptions options)
    {
        var address = context.Connection.RemoteIpAddress;
        if (!options.Enabled || (options.ExemptLoopback && address is not null && IPAddress.IsLoopback(address)))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        return RateLimitPartition.GetTokenBucketLimiter(KeyOf(address), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.TokenLimit,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>The partition key of an address: IPv4 as is, IPv6 by its /64 prefix.</summary>
    public static string KeyOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.RateLimiting;

namespace Platform.Security;

/// <summary>
/// Bounds the refused client certificates one address can have audited: each refusal is an
/// event, and a new TLS connection with a forged certificate would otherwise be one more, without
/// limit. Its buckets are sized like the anonymous endpoints' (<c>Platform:RateLimits</c>) but apart from them.
/// </summary>
internal sealed class ClientCertificateRefusalLimiter(IOptions<RateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext> limiter =
        PartitionedRateLimiter.Create<HttpContext, string>(context => ClientAddressPartitions.For(context, options.Value));

    /// <summary>True when the caller's address may have one more refusal recorded; otherwise when to try again.</summary>
    public bool TryAcquire(HttpContext context, out TimeSpan? retryAfter)
    {
        using var lease = limiter.AttemptAcquire(context);
        retryAfter = !lease.IsAcquired && lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

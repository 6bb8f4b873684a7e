using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using Platform.Http;

namespace Platform.RateLimiting;

/// <summary>
/// Answers and counts the requests a rate limit refused (per address, or a gateway route's). They
/// are not audited one by one (that is what the limit is for): a counter,
/// <c>securityplatform.rate_limit.refused</c>, counts them, and one log line a minute at most sums
/// them up while refusals go on.
/// </summary>
public sealed partial class RateLimitRefusals
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromMinutes(1);
    private readonly Counter<long> refused;
    private readonly TimeProvider time;
    private readonly ILogger<RateLimitRefusals> logger;
    private long pending;
    private long nextReportTicks;

    public RateLimitRefusals(IMeterFactory meters, TimeProvider time, ILogger<RateLimitRefusals> logger)
    {
        this.time = time;
        this.logger = logger;
        refused = meters.Create("SecurityPlatform.RateLimits").CreateCounter<long>(
            "securityplatform.rate_limit.refused", unit: "{request}", description: "Requests refused by a per-address rate limit.");
    }

    /// <summary>Counts one refusal of a per-address limit and answers it: 429 <c>rate-limit-exceeded</c> with Retry-After.</summary>
    public Task RefuseAsync(HttpContext context, string limit, TimeSpan? retryAfter) =>
        RefuseAsync(context, limit, retryAfter, "This address sent more requests than the platform accepts from one address");

    /// <summary>Counts one refusal of <paramref name="limit"/> and answers it: 429 <c>rate-limit-exceeded</c>, Retry-After, and <paramref name="why"/>.</summary>
    public Task RefuseAsync(HttpContext context, string limit, TimeSpan? retryAfter, string why)
    {
        ArgumentNullException.ThrowIfNull(context);
        refused.Add(1, new KeyValuePair<string, object?>("limit", limit));
        Report(limit, ClientAddressPartitions.KeyOf(context.Connection.RemoteIpAddress));
        var seconds = Math.Max(1, (long)Math.Ceiling((retryAfter ?? TimeSpan.FromSeconds(1)).TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, ProblemCodes.RateLimitExceeded, $"{why}; try again in {seconds} s.");
    }

    private void Report(string limit, string address)
    {
        var count = Interlocked.Increment(ref pending);
        var now = time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref nextReportTicks);
        if (now < next || Interlocked.CompareExchange(ref nextReportTicks, now + ReportInterval.Ticks, next) != next)
        {
            return;
        }

        count = Interlocked.Exchange(ref pending, 0);
        LogRefused(logger, count, limit, address);
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Warning,
        Message = "Rate limits refused {Count} requests since the last report (at most one a minute); the latest by the {Limit} limit, from {Address}")]
    private static partial void LogRefused(ILogger logger, long count, string limit, string address);
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Audit.TimeStamps;

/// <summary>
/// Readiness names a latest checkpoint without its time-stamp token as degraded, not unhealthy:
/// the log records and publishes as before, only the proof of time is missing until the TSA answers.
/// </summary>
internal sealed class TimeStampHealthCheck(CheckpointTimeStamper stamper) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = stamper.Status;
        return Task.FromResult(status switch
        {
            { AuthorityHosted: false } => HealthCheckResult.Healthy("No time-stamp authority in this process; checkpoints carry no tokens."),
            { LatestStamped: true } or { LatestSize: null } => HealthCheckResult.Healthy(),
            _ => HealthCheckResult.Degraded($"The audit checkpoint of size {status.LatestSize} has no time-stamp token: {status.Reason}"),
        });
    }
}

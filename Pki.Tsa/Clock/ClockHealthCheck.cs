using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pki.Tsa.Clock;

/// <summary>Readiness follows the clock: a TSA that may not issue tokens is not ready.</summary>
internal sealed class ClockHealthCheck(ClockMonitor monitor) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = monitor.Current;
        return Task.FromResult(state.Available
            ? HealthCheckResult.Healthy("TSA clock: " + state.Reason)
            : HealthCheckResult.Unhealthy("TSA clock: " + state.Reason));
    }
}

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Server.Hosting;

/// <summary>Ready once every start-up task has run and the listeners are up.</summary>
internal sealed class ReadinessCheck : IHealthCheck
{
    private volatile bool ready;

    public void MarkReady() => ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Starting."));
}

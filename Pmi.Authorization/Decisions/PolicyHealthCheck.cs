using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pmi.Authorization.Decisions;

/// <summary>Readiness of the decision point: a stored policy set is loaded (before that, every request is denied).</summary>
internal sealed class PolicyHealthCheck(PolicyDecisionPoint decisions) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var active = decisions.Active;
        return Task.FromResult(active.PolicyDocument is null
            ? HealthCheckResult.Unhealthy("No policy set is loaded: every decision is a denial.")
            : HealthCheckResult.Healthy(
                $"Policy set version {active.PolicyVersion} loaded ({active.Policies.All.Count} policies), schema version {active.SchemaVersion}."));
    }
}

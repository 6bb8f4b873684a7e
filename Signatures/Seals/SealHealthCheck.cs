using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Signatures.Seals;

/// <summary>Readiness of the signature service: the seal registry answers from its store.</summary>
internal sealed class SealHealthCheck(SealRegistry seals) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var all = await seals.ListAsync(cancellationToken);
            return HealthCheckResult.Healthy($"{all.Count} department seals registered.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The seal registry cannot read its store ({e.GetType().Name}; the log has the details)", e);
        }
    }
}

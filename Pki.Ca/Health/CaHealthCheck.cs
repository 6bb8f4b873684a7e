using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pki.Ca.Hierarchy;

namespace Pki.Ca.Health;

/// <summary>
/// Readiness of the CA: its hierarchy is loaded and the key of every CA that signs here answers a
/// signature. A key store that lost its token or its key-encryption key makes the CA unready,
/// rather than every issuance, CRL and OCSP answer failing one by one.
/// </summary>
internal sealed class CaHealthCheck(CaRegistry registry) : IHealthCheck
{
    private static readonly byte[] Probe = "SecurityPlatform readiness probe"u8.ToArray();

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var all = registry.All.ToList();
        if (all.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("No CA hierarchy is loaded."));
        }

        var signing = 0;
        foreach (var ca in all.Where(ca => !ca.IsOffline && ca.SupersededBy is null))
        {
            try
            {
                _ = ca.SigningKey.Sign(Probe);
                signing++;
            }
            catch (Exception e)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"The signing key of CA '{ca.Name}' cannot sign ({e.GetType().Name}; the log has the details)", e));
            }
        }

        return Task.FromResult(HealthCheckResult.Healthy($"{all.Count} CAs loaded; the signing keys of {signing} sign."));
    }
}

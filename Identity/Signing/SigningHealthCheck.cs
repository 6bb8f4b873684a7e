using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identity.Signing;

/// <summary>Readiness of the identity provider: a token-signing key is active and its key opens.</summary>
internal sealed class SigningHealthCheck(SigningKeyRingState state, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (state.Ring?.Current(time.GetUtcNow()) is not { } current || state.Encryption is null)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The token-signing key ring is not loaded."));
        }

        try
        {
            _ = state.CredentialsOf(current);
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The token-signing key {current.KeyId} cannot be opened ({e.GetType().Name}; the log has the details)", e));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"Tokens are signed with {current.Jws} key {current.KeyId}."));
    }
}

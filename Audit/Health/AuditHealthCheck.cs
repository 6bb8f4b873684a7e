using Audit.Publishing;
using Audit.Sequencing;
using Audit.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Audit.Health;

/// <summary>
/// Readiness of the audit trail: its store answers and its last batch was committed (every
/// audited action fails closed while it is not), and a signed checkpoint is published. The
/// time-stamps of checkpoints have their own check (<see cref="TimeStamps.TimeStampHealthCheck"/>).
/// </summary>
internal sealed class AuditHealthCheck(IAuditStore store, AuditSequencer sequencer, CheckpointPublisher checkpoints) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        long size;
        try
        {
            size = await store.GetSizeAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The audit store cannot be read ({e.GetType().Name}; the log has the details)", e);
        }

        if (sequencer.LastFailure is { } failure)
        {
            return HealthCheckResult.Unhealthy($"The audit store refused the last batch of events (audited actions fail until it accepts one): {failure}; the log has the details.");
        }

        // The note's second line is the tree size (C2SP tlog-checkpoint).
        var note = checkpoints.LatestNote;
        var published = note?.Split('\n') is [_, var treeSize, ..] ? treeSize : null;
        return published is null
            ? HealthCheckResult.Degraded($"The audit log holds {size} events; no signed checkpoint is published yet.")
            : HealthCheckResult.Healthy($"The audit log holds {size} events; the latest signed checkpoint covers {published}.");
    }
}

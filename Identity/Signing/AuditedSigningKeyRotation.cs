using Platform.Auditing;
using System.Globalization;

namespace Identity.Signing;

/// <summary>A rotation of the ring, then its audit event, durable before the operator is told.</summary>
internal sealed class AuditedSigningKeyRotation(SigningKeyRotation rotation, IAuditTrail trail) : ISigningKeyRotator
{
    public async Task<SigningKeyRotationReport> RotateAsync(CancellationToken cancellationToken = default)
    {
        var result = await rotation.RotateAsync(cancellationToken);
        var key = result.Key;
        var activates = key.Activates.ToString("O", CultureInfo.InvariantCulture);
        var details = new Dictionary<string, string>
        {
            ["algorithm"] = key.Jws,
            ["activates"] = activates,
            ["current"] = result.Current?.KeyId ?? "none",
        };
        if (result.Outcome == SigningKeyRotationOutcome.AlreadyPending)
        {
            details["reason"] = "a next key is already pending";
            await trail.RecordAsync(SigningKeyEvents.Create(AuditOutcome.Failure, key.KeyId, details), cancellationToken);
            return new(false, key.KeyId, key.Activates,
                $"Key {key.KeyId} ({key.Jws}) is already waiting to sign from {activates}; nothing was changed. Rotate again after it has activated.");
        }

        await trail.RecordAsync(SigningKeyEvents.Create(AuditOutcome.Success, key.KeyId, details), cancellationToken);
        return new(true, key.KeyId, key.Activates, result.Outcome == SigningKeyRotationOutcome.CreatedFirst
            ? $"Created the first token-signing key {key.KeyId} ({key.Jws}); it signs from now."
            : $"Created token-signing key {key.KeyId} ({key.Jws}); it is published at the next start and signs from {activates}.");
    }
}

using Platform.Auditing;
using Platform.Keys;

namespace Pki.Ca.Escrow;

/// <summary>
/// Escrowed encryption keys and their recoveries, in the CA's database. Keys are written with the
/// approval that issues their pair (<see cref="Registration.IRegistrationStore.ApproveAsync"/>);
/// every change here commits with its audit event, and a release is a conditional update, so two
/// officers or two nodes cannot release a recovery twice.
/// </summary>
internal interface IKeyEscrowStore
{
    /// <summary>The escrowed key of the encryption certificate <paramref name="serial"/>; null when it has none.</summary>
    Task<EscrowedKey?> GetEscrowedKeyAsync(string serial, CancellationToken cancellationToken);

    /// <summary>The escrowed key issued for the certificate request <paramref name="requestId"/>; null when it has none.</summary>
    Task<EscrowedKey?> GetEscrowedKeyOfRequestAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>Stores a new pending recovery.</summary>
    Task AddRecoveryAsync(KeyRecovery recovery, AuditEvent opened, CancellationToken cancellationToken);

    Task<KeyRecovery?> GetRecoveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Recoveries newest first: every one when <see cref="RecoveryQuery.Departments"/> is null, else
    /// those of the departments given; in a status (any when null), before a cursor.
    /// </summary>
    Task<IReadOnlyList<KeyRecovery>> ListRecoveriesAsync(RecoveryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the recovery with <paramref name="envelope"/> if, at <paramref name="now"/>, it is
    /// still pending, unexpired, and was opened by another officer than <paramref name="officer"/>;
    /// false (nothing written) when it is not.
    /// </summary>
    Task<bool> ReleaseAsync(
        string id, string officer, string officerName, EnvelopedKey envelope, AuditEvent approved, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Checks, changing nothing, that every escrowed key opens under <paramref name="current"/> or already under <paramref name="next"/> (<see cref="ISealedSecretStore.CheckAsync"/>).</summary>
    Task CheckSealsAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken);

    /// <summary>Re-seals every escrowed key under <paramref name="next"/>, in one transaction (<see cref="ISealedSecretStore.ResealAsync"/>).</summary>
    Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken);
}


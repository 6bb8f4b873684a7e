using Pki.Ca.Issuance;
using Platform.Auditing;

namespace Pki.Ca.Acme;

/// <summary>
/// The ACME server's accounts, orders and External Account Binding keys, in the CA's database.
/// Every state change is one transaction with its audit event, and a conditional update or a
/// uniqueness constraint, so racing requests (or nodes) change a thing once.
/// </summary>
internal interface IAcmeStore
{
    Task AddExternalKeyAsync(ExternalAccountKey key, AuditEvent created, CancellationToken cancellationToken);

    Task<ExternalAccountKey?> GetExternalKeyAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new account (spending its External Account Binding key, when it has one, if still
    /// unused and unexpired at <paramref name="now"/>). Null when stored; else the account that
    /// already has the key, or "" when the binding key was spent meanwhile.
    /// </summary>
    Task<string?> TryAddAccountAsync(AcmeAccount account, AuditEvent created, DateTimeOffset now, CancellationToken cancellationToken);

    Task<AcmeAccount?> GetAccountAsync(string id, CancellationToken cancellationToken);

    Task<AcmeAccount?> FindAccountAsync(string thumbprint, CancellationToken cancellationToken);

    /// <summary>Replaces the account's contacts and status; false when it is not valid any more.</summary>
    Task<bool> UpdateAccountAsync(AcmeAccount account, AuditEvent updated, CancellationToken cancellationToken);

    /// <summary>Gives the account a new key; null when changed, else the id of the account that has the new key already ("" when the old key changed meanwhile).</summary>
    Task<string?> TryChangeKeyAsync(AcmeAccount account, string oldThumbprint, AuditEvent changed, CancellationToken cancellationToken);

    /// <summary>Stores a new order with its authorizations.</summary>
    Task AddOrderAsync(AcmeOrder order, AuditEvent created, CancellationToken cancellationToken);

    Task<AcmeOrder?> GetOrderAsync(string id, CancellationToken cancellationToken);

    Task<AcmeOrder?> FindOrderBySerialAsync(string serial, CancellationToken cancellationToken);

    /// <summary>True when an order other than an invalid one replaces the certificate <paramref name="certificateId"/> (RFC 9773).</summary>
    Task<bool> IsReplacedAsync(string certificateId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The account's order ids, newest first, after <paramref name="cursor"/> (an order id).</summary>
    Task<IReadOnlyList<string>> ListOrdersAsync(string accountId, string? cursor, int limit, CancellationToken cancellationToken);

    Task<AcmeAuthorization?> GetAuthorizationAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of a challenge of an authorization still pending and unexpired at
    /// <paramref name="now"/>; false (nothing written) when it is not.
    /// </summary>
    Task<bool> CompleteChallengeAsync(
        string authorizationId, string challengeType, string status, string? error, AuditEvent validated, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deactivates a pending or valid authorization; false when it is neither.</summary>
    Task<bool> DeactivateAuthorizationAsync(string authorizationId, AuditEvent deactivated, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the order's certificate with its event, if the order is not finalized yet and the
    /// department's quota (counted in the same transaction) allows.
    /// </summary>
    Task<FinalizeOutcome> FinalizeAsync(AcmeOrder order, int? quota, SignedCertificate certificate, DateTimeOffset now, CancellationToken cancellationToken);
}

internal enum FinalizeOutcome
{
    Issued,
    AlreadyFinalized,
    QuotaExceeded,
}

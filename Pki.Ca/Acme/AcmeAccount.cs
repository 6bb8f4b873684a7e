namespace Pki.Ca.Acme;

/// <summary>
/// An ACME account (RFC 8555 §7.1.2): its key (the JWK's required members; the thumbprint is
/// unique), contacts, status (<c>valid</c>, <c>deactivated</c>) and, when it was bound with an
/// External Account Binding, the department it belongs to and the key that bound it.
/// </summary>
internal sealed record AcmeAccount(
    string Id, string Thumbprint, string Key, IReadOnlyList<string> Contact, string Status, string? Department, string? ExternalKeyId, DateTimeOffset CreatedAt)
{
    public const string Valid = "valid";
    public const string Deactivated = "deactivated";
}

using System.Security.Cryptography;

namespace Pki.Ca.Acme;

/// <summary>
/// A key for External Account Binding (RFC 8555 §7.3.4): a registration officer of a department
/// hands out its id and MAC key; the ACME account whose creation it signs belongs to the
/// department. It binds one account, once, before it expires. The MAC key is kept sealed under
/// the platform's key-encryption key (the server must hold it to check the MAC).
/// </summary>
internal sealed record ExternalAccountKey(
    string Id, string Department, byte[] SealedMacKey, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string? AccountId)
{
    /// <summary>The sealing purpose of the MAC keys.</summary>
    public const string SealPurpose = "pki.acme.eab";

    /// <summary>A new MAC key: 256 random bits, as HS256 wants.</summary>
    public static byte[] NewMacKey() => RandomNumberGenerator.GetBytes(32);
}

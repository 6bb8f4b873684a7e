using Platform.Cryptography;

namespace Signatures.Seals;

/// <summary>A department's seal: a signing key the platform holds for it, certified under the <c>document-signing</c> profile.</summary>
/// <param name="Department">The department it seals for.</param>
/// <param name="KeyId">The key's id in the platform's key store.</param>
/// <param name="Algorithm">The key's type.</param>
/// <param name="SerialNumber">The certificate's serial number, lowercase hex.</param>
/// <param name="Certificate">The certificate (DER).</param>
/// <param name="Chain">The issuing CA's certificate, then each above it up to the root (DER).</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">Who made it.</param>
public sealed record Seal(
    string Department, string KeyId, KeyAlgorithm Algorithm, string SerialNumber, byte[] Certificate, IReadOnlyList<byte[]> Chain,
    DateTimeOffset CreatedAt, string CreatedBy);

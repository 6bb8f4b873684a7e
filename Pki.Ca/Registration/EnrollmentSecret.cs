using System.Security.Cryptography;
using System.Text;

namespace Pki.Ca.Registration;

/// <summary>
/// A one-time EST enrollment secret a registration officer handed out: whoever presents it (HTTP
/// Basic, <c>id:secret</c>) once before it expires gets one certificate of the department under
/// the profile, for the subject when one is bound. Handing it out is the officer's approval. Only
/// the SHA-256 of the secret is stored: the secret is 256 random bits, so a plain hash suffices.
/// </summary>
internal sealed record EnrollmentSecret(
    string Id, string Department, string Profile, string? Subject, string SecretSha256, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, string? Serial)
{
    /// <summary>A fresh secret to hand out (base64url, 43 characters).</summary>
    public static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when <paramref name="secret"/> is this one (compared in constant time).</summary>
    public bool Matches(string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(SecretSha256));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

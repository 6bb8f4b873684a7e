using Microsoft.IdentityModel.Tokens;
using Platform.Keys;
using Platform.Storage;
using System.Security.Cryptography;

namespace Identity.Signing;

/// <summary>
/// The AES-256 key OpenIddict encrypts its authorization codes and refresh tokens with (JWE
/// <c>A256KW</c> + <c>A256CBC-HS512</c>). Only this server ever decrypts them, so a symmetric
/// key is enough, and it is what OpenIddict prefers. It is generated once and kept in the
/// identity settings sealed under the platform's key-encryption key (with the PKCS#11 store that
/// key is itself wrapped by the token), so a copy of the database alone opens no token.
/// </summary>
internal sealed class TokenEncryptionKey(IModuleDatabase database, ModuleSettings settings, SecretSealer sealer)
{
    /// <summary>The setting holding the sealed key, base64.</summary>
    public const string Setting = "token-encryption-key";

    private const string Purpose = "identity.token-encryption";

    /// <summary>The key's id, in every JWE header; fixed, as there is one key.</summary>
    public const string KeyId = "token-encryption-1";

    /// <summary>Loads the key, generating and storing it on the first start.</summary>
    public async Task<EncryptingCredentials> LoadOrCreateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await settings.GetAsync(Setting, cancellationToken);
        if (stored is null)
        {
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                stored = await SettingsInsert.InsertOrGetAsync(database, settings, Setting, Convert.ToBase64String(sealer.Seal(Purpose, KeyId, fresh)), cancellationToken);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(fresh);
            }
        }

        byte[] key;
        try
        {
            key = sealer.Open(Purpose, KeyId, Convert.FromBase64String(stored));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            throw new InvalidOperationException(
                $"The identity token-encryption key (setting {Setting}) does not open under the platform's key-encryption key: the database belongs to another key-encryption key, or was altered.", e);
        }

        return new EncryptingCredentials(new SymmetricSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);
    }
}

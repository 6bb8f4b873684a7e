using Microsoft.Extensions.Logging;
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
internal sealed partial class TokenEncryptionKey(IModuleDatabase database, ModuleSettings settings, SecretSealer sealer, ILogger<TokenEncryptionKey> logger)
{
    /// <summary>The setting holding the sealed key, base64.</summary>
    public const string Setting = "token-encryption-key";

    /// <summary>The purpose the key is sealed for.</summary>
    internal const string Purpose = "identity.token-encryption";

    /// <summary>The key's id, in every JWE header; fixed, as there is one key.</summary>
    public const string KeyId = "token-encryption-1";

    /// <summary>
    /// Loads the key, generating and storing it on the first start. A stored key that does not
    /// open under the current key-encryption key (replaced other than by <c>keys rewrap</c>, which
    /// re-seals it: see <see cref="SealedTokenEncryptionKey"/>) is replaced by a new one: only the
    /// authorization codes and refresh tokens issued before are lost, and their clients sign in again. Nodes starting together replace it once (compare-and-set).
    /// </summary>
    public async Task<EncryptingCredentials> LoadOrCreateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await settings.GetAsync(Setting, cancellationToken)
            ?? await SettingsInsert.InsertOrGetAsync(database, settings, Setting, Fresh(), cancellationToken);
        if (TryOpen(stored) is not { } key)
        {
            LogReplaced(logger, Setting);
            await ReplaceAsync(stored, Fresh(), cancellationToken);
            key = TryOpen(await settings.GetAsync(Setting, cancellationToken) ?? "")
                ?? throw new InvalidOperationException($"The identity token-encryption key (setting {Setting}) does not open under the platform's key-encryption key, even after it was replaced.");
        }

        return new EncryptingCredentials(new SymmetricSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512);
    }

    private string Fresh()
    {
        var fresh = RandomNumberGenerator.GetBytes(32);
        try
        {
            return Convert.ToBase64String(sealer.Seal(Purpose, KeyId, fresh));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fresh);
        }
    }

    private byte[]? TryOpen(string stored)
    {
        try
        {
            return sealer.Open(Purpose, KeyId, Convert.FromBase64String(stored));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    private Task ReplaceAsync(string expected, string replacement, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command("UPDATE settings SET value = @value WHERE name = @name AND value = @expected", transaction);
            command.AddParameter("name", Setting).AddParameter("value", replacement).AddParameter("expected", expected);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning,
        Message = "The identity token-encryption key (setting {Setting}) does not open under the platform's key-encryption key, which was replaced: a new one replaces it, and authorization codes and refresh tokens issued before no longer open.")]
    private static partial void LogReplaced(ILogger logger, string setting);
}

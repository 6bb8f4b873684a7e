using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys;
using Platform.Storage;

namespace Identity.Signing;

/// <summary>
/// The token-encryption key (setting <see cref="TokenEncryptionKey.Setting"/>) as a store
/// <c>keys rewrap</c> re-seals: without it the first start after the key-encryption key changed
/// would replace the key, voiding every authorization code and refresh token issued before.
/// </summary>
internal sealed class SealedTokenEncryptionKey([FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database) : ISealedSecretStore
{
    private const string What = "The identity token-encryption key (setting " + TokenEncryptionKey.Setting + ")";

    public string Name => "identity token-encryption key";

    public async Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        Reseal(current, next, await StoredAsync(connection, null, cancellationToken));
    }

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            if (Reseal(current, next, await StoredAsync(connection, transaction, ct)) is not { } resealed)
            {
                return 0;
            }

            await using var command = connection.Command("UPDATE settings SET value = @value WHERE name = @name", transaction);
            command.AddParameter("name", TokenEncryptionKey.Setting).AddParameter("value", resealed);
            await command.ExecuteNonQueryAsync(ct);
            return 1;
        }, cancellationToken);

    private async Task<string?> StoredAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var lockRow = transaction is not null && database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE" : "";
        await using var command = connection.Command($"SELECT value FROM settings WHERE name = @name{lockRow}", transaction);
        command.AddParameter("name", TokenEncryptionKey.Setting);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The stored key re-sealed under the new key-encryption key, base64; null when there is none yet or it is already under the new one.</summary>
    private static string? Reseal(SecretSealer current, SecretSealer next, string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        byte[] sealedKey;
        try
        {
            sealedKey = Convert.FromBase64String(stored);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{What} is not base64; nothing was changed.");
        }

        return SealedSecretRewrap.Reseal(current, next, TokenEncryptionKey.Purpose, TokenEncryptionKey.KeyId, sealedKey, What) is { } resealed
            ? Convert.ToBase64String(resealed)
            : null;
    }
}

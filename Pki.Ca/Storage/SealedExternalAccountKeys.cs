using System.Data.Common;
using Pki.Ca.Acme;
using Platform.Keys;
using Platform.Storage;

namespace Pki.Ca.Storage;

/// <summary>
/// The MAC keys of ACME External Account Binding keys (<c>acme_external_keys.mac_key</c>), sealed
/// for <see cref="ExternalAccountKey.SealPurpose"/> and bound to the key's id, as a store
/// <c>keys rewrap</c> re-seals: without it, keys handed out but not used yet would stop verifying.
/// </summary>
internal sealed class SealedExternalAccountKeys(IModuleDatabase database) : ISealedSecretStore
{
    public string Name => "CA ACME external account keys";

    public async Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ResealedAsync(connection, null, current, next, cancellationToken);
    }

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            // Every key is re-sealed in memory before the first row is written, so one that opens under neither key changes nothing.
            var rows = await ResealedAsync(connection, transaction, current, next, ct);
            foreach (var (id, sealedKey) in rows)
            {
                await using var command = connection.Command("UPDATE acme_external_keys SET mac_key = @key WHERE id = @id", transaction);
                command.AddParameter("id", id).AddParameter("key", sealedKey);
                await command.ExecuteNonQueryAsync(ct);
            }

            return rows.Count;
        }, cancellationToken);

    private async Task<List<(string Id, byte[] Sealed)>> ResealedAsync(
        DbConnection connection, DbTransaction? transaction, SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        // Inside the transaction PostgreSQL must keep the rows as read until they are written; SQLite's one writer already does.
        var lockRows = transaction is not null && database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE" : "";
        await using var command = connection.Command($"SELECT id, mac_key FROM acme_external_keys ORDER BY id{lockRows}", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, byte[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (SealedSecretRewrap.Reseal(current, next, ExternalAccountKey.SealPurpose, id, (byte[])reader.GetValue(1),
                $"The MAC key of ACME external account key '{id}' (CA database, acme_external_keys)") is { } resealed)
            {
                rows.Add((id, resealed));
            }
        }

        return rows;
    }
}

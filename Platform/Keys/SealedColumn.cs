using System.Data.Common;
using Platform.Storage;

namespace Platform.Keys;

/// <summary>
/// A store <c>keys rewrap</c> re-seals that is one column of one table: each row's value sealed
/// for <paramref name="purpose"/> and bound to the row's id (the sealing context), e.g. the MAC
/// keys of the CA's ACME binding keys or its escrowed encryption keys.
/// </summary>
/// <param name="database">The module's database.</param>
/// <param name="name">What the store holds, for messages.</param>
/// <param name="table">The table.</param>
/// <param name="idColumn">The row's id: the context its value is sealed for.</param>
/// <param name="valueColumn">The sealed value.</param>
/// <param name="purpose">The sealing purpose.</param>
/// <param name="describe">How a message names the value of a row, from its id.</param>
public sealed class SealedColumn(
    IModuleDatabase database, string name, string table, string idColumn, string valueColumn, string purpose, Func<string, string> describe) : ISealedSecretStore
{
    public string Name => name;

    public async Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ResealedAsync(connection, null, current, next, cancellationToken);
    }

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            // Every value is re-sealed in memory before the first row is written, so one that opens under neither key changes nothing.
            var rows = await ResealedAsync(connection, transaction, current, next, ct);
            foreach (var (id, resealed) in rows)
            {
                await using var command = connection.Command($"UPDATE {table} SET {valueColumn} = @value WHERE {idColumn} = @id", transaction);
                command.AddParameter("value", resealed).AddParameter("id", id);
                await command.ExecuteNonQueryAsync(ct);
            }

            return rows.Count;
        }, cancellationToken);

    /// <summary>The rows sealed under <paramref name="current"/>, sealed under <paramref name="next"/> (those already there left out).</summary>
    private async Task<List<(string Id, byte[] Sealed)>> ResealedAsync(
        DbConnection connection, DbTransaction? transaction, SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        // Inside the transaction PostgreSQL must keep the rows as read until they are written; SQLite's one writer already does.
        var lockRows = transaction is not null && database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE" : "";
        await using var command = connection.Command($"SELECT {idColumn}, {valueColumn} FROM {table} ORDER BY {idColumn}{lockRows}", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, byte[])>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (SealedSecretRewrap.Reseal(current, next, purpose, id, (byte[])reader.GetValue(1), describe(id)) is { } resealed)
            {
                rows.Add((id, resealed));
            }
        }

        return rows;
    }
}

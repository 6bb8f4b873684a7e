using Platform.Storage;

namespace Audit.Storage;

internal sealed partial class SqlAuditStore
{
    /// <summary>Up to <paramref name="count"/> entries from index <paramref name="from"/> upward, in order.</summary>
    public async Task<IReadOnlyList<StoredEntry>> ReadRangeAsync(long from, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {EntryColumns} FROM entries WHERE idx >= @from ORDER BY idx LIMIT @count");
        command.AddParameter("from", from).AddParameter("count", count);
        var entries = new List<StoredEntry>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>Sets a setting, replacing any value (for progress markers, not first-start choices).</summary>
    public Task SetSettingAsync(string name, string value, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
}

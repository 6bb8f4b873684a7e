using Platform.Storage;
using System.Data.Common;

namespace Audit.Storage;

/// <summary>Signed checkpoints and their time-stamp tokens.</summary>
internal sealed partial class SqlAuditStore
{
    private const string CheckpointColumns = "tree_size, root_hash, note, published_at, timestamp_token";

    public async Task<StoredCheckpoint?> GetLatestCheckpointAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CheckpointColumns} FROM checkpoints ORDER BY tree_size DESC LIMIT 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadCheckpoint(reader) : null;
    }

    public async Task<StoredCheckpoint?> GetCheckpointAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CheckpointColumns} FROM checkpoints WHERE tree_size = @size");
        command.AddParameter("size", treeSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadCheckpoint(reader) : null;
    }

    public async Task<bool> TryAddCheckpointAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.WriteAsync(async (connection, transaction, ct) =>
            {
                await using var command = connection.Command(
                    "INSERT INTO checkpoints (tree_size, root_hash, note, published_at, timestamp_token) VALUES (@size, @root, @note, @at, @token)",
                    transaction);
                command.AddParameter("size", checkpoint.TreeSize).AddParameter("root", checkpoint.RootHash)
                    .AddParameter("note", checkpoint.Note).AddParameter("at", checkpoint.PublishedAt.ToUnixTimeMilliseconds())
                    .AddParameter("token", (object?)checkpoint.TimeStampToken ?? DBNull.Value);
                await command.ExecuteNonQueryAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<bool> TrySetTimeStampTokenAsync(long treeSize, byte[] token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        return await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // One statement, so that two nodes stamping at once cannot both win, and a token never
            // lands below one already stored for a larger tree (its genTime would run backwards).
            await using var command = connection.Command(
                "UPDATE checkpoints SET timestamp_token = @token WHERE tree_size = @size AND timestamp_token IS NULL " +
                "AND NOT EXISTS (SELECT 1 FROM checkpoints later WHERE later.tree_size > @size AND later.timestamp_token IS NOT NULL)",
                transaction);
            command.AddParameter("token", token).AddParameter("size", treeSize);
            return await command.ExecuteNonQueryAsync(ct) == 1;
        }, cancellationToken);
    }

    private static StoredCheckpoint ReadCheckpoint(DbDataReader reader) =>
        new(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
            reader.IsDBNull(4) ? null : (byte[])reader.GetValue(4));
}

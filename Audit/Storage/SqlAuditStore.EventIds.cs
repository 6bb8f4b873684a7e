using Platform.Storage;
using System.Data.Common;

namespace Audit.Storage;

internal sealed partial class SqlAuditStore
{
    /// <summary>
    /// The indexes of the entries already recorded under <paramref name="eventIds"/>, inside the
    /// sequencer's transaction, so that an event delivered twice (its writer's delivery and, after
    /// a crash, the outbox's) is recorded once.
    /// </summary>
    internal static async Task<Dictionary<string, long>> ReadEventIdsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        if (eventIds.Count == 0)
        {
            return found;
        }

        await using var command = connection.Command("", transaction);
        var names = eventIds.Select((id, i) => { command.AddParameter("e" + i, id); return "@e" + i; });
        command.CommandText = $"SELECT event_id, idx FROM event_ids WHERE event_id IN ({string.Join(", ", names)})";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found[reader.GetString(0)] = reader.GetInt64(1);
        }

        return found;
    }

    internal static async Task InsertEventIdsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<(string EventId, long Index)> eventIds, CancellationToken cancellationToken)
    {
        if (eventIds.Count == 0)
        {
            return;
        }

        await using var command = connection.Command("INSERT INTO event_ids (event_id, idx) VALUES (@id, @idx)", transaction);
        var id = command.CreateParameter();
        id.ParameterName = "id";
        var index = command.CreateParameter();
        index.ParameterName = "idx";
        command.Parameters.Add(id);
        command.Parameters.Add(index);
        foreach (var (eventId, entryIndex) in eventIds)
        {
            id.Value = eventId;
            index.Value = entryIndex;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

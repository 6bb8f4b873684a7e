using Platform.Storage;

namespace Audit.Storage;

internal sealed partial class SqlAuditStore
{
    public async Task<IReadOnlyList<StoredEntry>> SearchAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        void Equal(string column, string? value)
        {
            if (value is not null)
            {
                conditions.Add($"{column} = @{column}");
                command.AddParameter(column, value);
            }
        }

        Equal("actor", query.Actor);
        Equal("action", query.Action);
        Equal("target", query.Target);
        Equal("outcome", query.Outcome);
        Equal("module", query.Module);
        if (query.From is { } from)
        {
            conditions.Add("entry_time >= @from");
            command.AddParameter("from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            conditions.Add("entry_time <= @to");
            command.AddParameter("to", to.ToUnixTimeMilliseconds());
        }

        if (query.Before is { } before)
        {
            conditions.Add("idx < @before");
            command.AddParameter("before", before);
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {EntryColumns} FROM entries {where} ORDER BY idx DESC LIMIT @limit";
        command.AddParameter("limit", Math.Clamp(query.Limit, 1, EventQuery.MaxLimit));
        var results = new List<StoredEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(ReadEntry(reader));
        }

        return results;
    }
}

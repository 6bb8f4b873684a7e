using Platform.Storage;
using System.Data.Common;

namespace Audit.Storage;

internal sealed partial class SqlAuditStore
{
    public async Task<IReadOnlyList<StoredEntry>> SearchAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        PrepareSearch(command, query);
        var results = new List<StoredEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(ReadEntry(reader));
        }

        return results;
    }

    /// <summary>Writes the search's SQL and parameters into <paramref name="command"/>.</summary>
    internal static void PrepareSearch(DbCommand command, EventQuery query)
    {
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
            // Times never decrease along the log (the sequencer sees to it), so a time bound is also
            // an index bound found in the time index; the primary key then serves newest-first order.
            conditions.Add("entry_time >= @from AND idx >= (SELECT MIN(idx) FROM entries WHERE entry_time >= @from)");
            command.AddParameter("from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            conditions.Add("entry_time <= @to AND idx <= (SELECT MAX(idx) FROM entries WHERE entry_time <= @to)");
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
    }
}

using Platform.Storage;
using System.Data.Common;

namespace Audit.Storage;

internal sealed partial class SqlAuditStore
{
    // The first entry at or after @from, by one seek in the time index.
    private const string FirstAtOrAfter = "SELECT idx FROM entries WHERE entry_time >= @from ORDER BY entry_time, idx LIMIT 1";

    public async Task<EventPage> SearchAsync(EventQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = Math.Clamp(query.Limit, 1, EventQuery.MaxLimit);
        await using var connection = await database.OpenAsync(cancellationToken);
        // The lowest index the page looks at, and below which the search has nothing to find.
        long? floor = null;
        long start = 0;
        if (ExactFilters(query) >= 2)
        {
            var top = query.Before ?? await ScalarAsync(connection, "SELECT COALESCE(MAX(idx), -1) + 1 FROM entries", null, cancellationToken);
            if (query.From is { } from)
            {
                start = await ScalarAsync(connection, $"SELECT COALESCE(({FirstAtOrAfter}), {long.MaxValue})", from, cancellationToken);
            }

            floor = Math.Max(start, top - query.ScanWindow);
        }

        await using var command = connection.CreateCommand();
        PrepareSearch(command, query, floor);
        var results = new List<StoredEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                results.Add(ReadEntry(reader));
            }
        }

        long? next = results.Count == limit && results[^1].Index > 0 ? results[^1].Index
            : floor > start ? floor
            : null;
        return new EventPage(results, next);
    }

    /// <summary>
    /// Writes the search's SQL and parameters into <paramref name="command"/>; with
    /// <paramref name="floor"/>, the page looks at no entry below that index.
    /// </summary>
    internal static void PrepareSearch(DbCommand command, EventQuery query, long? floor = null)
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
            // an index bound: the first entry of the time index at or after it, found by one seek
            // (MIN(idx) over the range would read the whole range). Then the primary key or the
            // filter's (column, idx) index serves newest-first order within the bounds.
            conditions.Add($"idx >= ({FirstAtOrAfter})");
            command.AddParameter("from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            conditions.Add("idx <= (SELECT idx FROM entries WHERE entry_time <= @to ORDER BY entry_time DESC, idx DESC LIMIT 1)");
            command.AddParameter("to", to.ToUnixTimeMilliseconds());
        }

        if (query.Before is { } before)
        {
            conditions.Add("idx < @before");
            command.AddParameter("before", before);
        }

        if (floor is { } lowest)
        {
            conditions.Add("idx >= @floor");
            command.AddParameter("floor", lowest);
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {EntryColumns} FROM entries {where} ORDER BY idx DESC LIMIT @limit";
        command.AddParameter("limit", Math.Clamp(query.Limit, 1, EventQuery.MaxLimit));
    }

    private static int ExactFilters(EventQuery query) =>
        new[] { query.Actor, query.Action, query.Target, query.Outcome, query.Module }.Count(value => value is not null);

    private static async Task<long> ScalarAsync(DbConnection connection, string sql, DateTimeOffset? from, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (from is { } time)
        {
            command.AddParameter("from", time.ToUnixTimeMilliseconds());
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Platform.Storage;
using System.Data.Common;

namespace Identity.Storage.OpenIddict;

/// <summary>
/// How one entity maps to its table: the columns, read and written in one place, so each store
/// holds only its queries. Text columns hold strings (JSON for lists and maps, as OpenIddict's
/// own stores keep them); time columns Unix milliseconds.
/// </summary>
internal sealed class TableMap<T>(string table, params TableMap<T>.Column[] columns) where T : new()
{
    /// <summary>One column: its name, how to read it from the entity and write it back, and whether it holds a time.</summary>
    public sealed record Column(string Name, Func<T, object?> Get, Action<T, object?> Set, bool IsTime = false);

    public string Table => table;

    /// <summary><c>SELECT every column FROM table</c>, to which a query adds its WHERE.</summary>
    public string Select { get; } = $"SELECT {string.Join(", ", columns.Select(c => c.Name))} FROM {table}";

    public T Read(DbDataReader reader)
    {
        var entity = new T();
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i].Set(entity, reader.IsDBNull(i) ? null
                : columns[i].IsTime ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i))
                : reader.GetString(i));
        }

        return entity;
    }

    public async Task<List<T>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    public Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, T entity, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))})",
            transaction);
        return ExecuteAsync(Bind(command, entity), cancellationToken);
    }

    /// <summary>
    /// Updates every column where the id and the concurrency token still match
    /// <paramref name="expectedToken"/>: 0 rows means someone else changed it first.
    /// </summary>
    public Task<int> UpdateAsync(DbConnection connection, DbTransaction transaction, T entity, string id, string? expectedToken, CancellationToken cancellationToken)
    {
        var command = connection.Command(
            $"UPDATE {table} SET {string.Join(", ", columns.Where(c => c.Name != "id").Select(c => $"{c.Name} = @{c.Name}"))} "
            + "WHERE id = @id AND concurrency_token = @expected_token",
            transaction);
        return ExecuteAsync(Bind(command, entity).AddParameter("expected_token", expectedToken), cancellationToken);
    }

    private DbCommand Bind(DbCommand command, T entity)
    {
        foreach (var column in columns)
        {
            var value = column.Get(entity);
            command.AddParameter(column.Name, value is DateTimeOffset time ? time.ToUnixTimeMilliseconds() : value);
        }

        return command;
    }

    private static async Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

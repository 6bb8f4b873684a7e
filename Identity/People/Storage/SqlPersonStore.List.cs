using Platform.Storage;

namespace Identity.People.Storage;

internal sealed partial class SqlPersonStore
{
    public async Task<(IReadOnlyList<StoredPerson> People, bool More)> ListAsync(PeopleQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var logins = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            var conditions = new List<string>();
            if (query.After is { } after)
            {
                conditions.Add("login > @after");
                command.AddParameter("after", after);
            }

            if (!string.IsNullOrEmpty(query.Search))
            {
                // Logins are stored lowercase; display names are compared in lowercase on both providers.
                conditions.Add("(login LIKE @search ESCAPE '\\' OR lower(display_name) LIKE @search ESCAPE '\\')");
                command.AddParameter("search", "%" + EscapeLike(query.Search.ToLowerInvariant()) + "%");
            }

            if (!string.IsNullOrEmpty(query.Department))
            {
                conditions.Add("department = @department");
                command.AddParameter("department", query.Department);
            }

            var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
            command.CommandText = $"SELECT login FROM people {where} ORDER BY login LIMIT @limit";
            // One more than asked says whether another page follows.
            command.AddParameter("limit", query.Limit + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                logins.Add(reader.GetString(0));
            }
        }

        var more = logins.Count > query.Limit;
        var people = new List<StoredPerson>(Math.Min(logins.Count, query.Limit));
        foreach (var login in logins.Take(query.Limit))
        {
            if (await ReadAsync(connection, null, login, forUpdate: false, cancellationToken) is { } person)
            {
                people.Add(person);
            }
        }

        return (people, more);
    }

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

using Platform.Storage;
using Pmi.Authorization.AttributeAuthority;
using Pmi.Authorization.Endpoints;

namespace Pmi.Authorization.Storage;

/// <summary>
/// Reads every stored version of the policies and the schema, newest first, for officers who audit
/// what was in force when: the documents table only grows, so the history is the table itself.
/// </summary>
internal sealed class PolicyHistory(IModuleDatabase database)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Versions older than <paramref name="before"/> (all when null), of <paramref name="kind"/> (both when null).</summary>
    public async Task<List<PolicyVersion>> ListAsync(DocumentKind? kind, long? before, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // The conditions are constants of this method, never input.
        var conditions = new List<string>();
        if (kind is not null)
        {
            conditions.Add("kind = @kind");
        }

        if (before is not null)
        {
            conditions.Add("version < @before");
        }

        await using var command = connection.Command(
            "SELECT version, kind, format, sha256, created_at, actor FROM documents"
            + (conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions)) + " ORDER BY version DESC LIMIT @limit");
        if (kind is not null)
        {
            command.AddParameter("kind", Name(kind.Value));
        }

        if (before is not null)
        {
            command.AddParameter("before", before.Value);
        }

        command.AddParameter("limit", limit);
        var found = new List<PolicyVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(new PolicyVersion(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1),
                reader.GetString(2), reader.GetString(3), StoredTime.Read(reader.GetValue(4)), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return found;
    }

    /// <summary>One stored version with its text, or null.</summary>
    public async Task<(PolicyVersion Version, string Text)?> GetAsync(long version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT version, kind, format, sha256, created_at, actor, text FROM documents WHERE version = @version");
        command.AddParameter("version", version);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return (new PolicyVersion(Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), reader.GetString(1),
            reader.GetString(2), reader.GetString(3), StoredTime.Read(reader.GetValue(4)), reader.IsDBNull(5) ? null : reader.GetString(5)), reader.GetString(6));
    }

    private static string Name(DocumentKind kind) => kind == DocumentKind.Policies ? "policies" : "schema";
}

using Platform.Auditing;
using Platform.Storage;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Pmi.Authorization.Storage;

/// <summary>
/// The versioned policy sets and schemas in the module's database. Every update appends a new
/// version; the newest of each kind is the active one. Nothing is ever overwritten, so the history
/// stays available for review.
/// </summary>
internal sealed class PolicyStore(IModuleDatabase database, AuditOutbox outbox, TimeProvider time)
{
    /// <summary>The newest version of <paramref name="kind"/>, or null when none was ever stored.</summary>
    public async Task<StoredDocument?> LatestAsync(DocumentKind kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT version, format, text, sha256 FROM documents WHERE kind = @kind ORDER BY version DESC LIMIT 1");
        command.AddParameter("kind", Name(kind));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredDocument(reader.GetInt64(0), kind, reader.GetString(1), reader.GetString(2), reader.GetString(3))
            : null;
    }

    /// <summary>The newest version of either kind, 0 when empty: a cheap check whether anything changed.</summary>
    public async Task<long> LatestVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT COALESCE(MAX(version), 0) FROM documents");
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Appends a new version of <paramref name="kind"/>, provided the newest version of the other kind
    /// is still <paramref name="counterpartVersion"/> (the one the update was validated against);
    /// otherwise throws <see cref="ConcurrentUpdateException"/>. The event <paramref name="describe"/>
    /// makes of the new document is committed with it and is in the audit trail when this returns.
    /// </summary>
    public Task<StoredDocument> AppendAsync(
        DocumentKind kind, string format, string text, long counterpartVersion, string? actor,
        Func<StoredDocument, AuditEvent> describe, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (database.Provider == StorageProvider.PostgreSql)
            {
                // Nodes sharing the database take turns, so the check below cannot race.
                await using var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(hashtext('authz:documents'))", transaction);
                await lockCommand.ExecuteNonQueryAsync(ct);
            }

            var other = kind == DocumentKind.Policies ? DocumentKind.Schema : DocumentKind.Policies;
            var current = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM documents WHERE kind = @kind", Name(other), ct);
            if (current != counterpartVersion)
            {
                throw new ConcurrentUpdateException($"The {Name(other)} changed while the update was checked against them.");
            }

            var version = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) + 1 FROM documents", null, ct);
            var document = new StoredDocument(version, kind, format, text, Sha256(text));
            await using (var insert = connection.Command(
                "INSERT INTO documents (version, kind, format, text, sha256, created_at, actor) VALUES (@version, @kind, @format, @text, @sha256, @created, @actor)",
                transaction))
            {
                insert.AddParameter("version", version).AddParameter("kind", Name(kind)).AddParameter("format", format)
                    .AddParameter("text", text).AddParameter("sha256", document.Sha256)
                    .AddParameter("created", time.GetUtcNow()).AddParameter("actor", actor);
                await insert.ExecuteNonQueryAsync(ct);
            }

            await database.SignalChangeAsync(connection, transaction, ct);
            return new Audited<StoredDocument>(document, describe(document));
        }, cancellationToken);

    /// <summary>Lowercase hex SHA-256 of the UTF-8 text.</summary>
    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Name(DocumentKind kind) => kind == DocumentKind.Policies ? "policies" : "schema";

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, string? kind, CancellationToken ct)
    {
        await using var command = connection.Command(sql, transaction);
        if (kind is not null)
        {
            command.AddParameter("kind", kind);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}

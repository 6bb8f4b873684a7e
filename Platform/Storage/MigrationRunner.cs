using System.Data.Common;

namespace Platform.Storage;

/// <summary>
/// Brings a module database to its newest schema version. Each migration runs in its own
/// transaction with its version row, under a lock, so concurrent nodes apply each exactly once.
/// </summary>
internal static class MigrationRunner
{
    public static async Task RunAsync(ModuleDatabase database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        CheckOrder(database.Module, migrations);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Under the lock too: PostgreSQL's CREATE TABLE IF NOT EXISTS is not safe against a
        // concurrent one (the loser fails on pg_type's unique index).
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await database.LockForMigrationAsync(connection, transaction);
            await ExecuteAsync(connection, transaction,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
                cancellationToken);
            // The platform's own table in every module database: audit events staged with the module's writes.
            await ExecuteAsync(connection, transaction, Auditing.AuditOutbox.CreateTableSql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var migration in migrations)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await database.LockForMigrationAsync(connection, transaction);
            if (await IsAppliedAsync(connection, transaction, migration.Version, cancellationToken))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, migration.For(database.Provider), cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @t)";
                record.AddParameter("v", migration.Version);
                record.AddParameter("d", migration.Description);
                record.AddParameter("t", DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static void CheckOrder(string module, IReadOnlyList<Migration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"The migrations of {module} must be numbered 1, 2, 3, … without gaps.");
            }
        }
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COUNT(*) FROM schema_migrations WHERE version = @v";
        command.AddParameter("v", version);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

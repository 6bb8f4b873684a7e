using Npgsql;
using System.Data.Common;

namespace Platform.Storage;

/// <summary>A module's schema in a shared PostgreSQL database.</summary>
internal sealed class PostgreSqlModuleDatabase : ModuleDatabase
{
    private readonly NpgsqlDataSource dataSource;

    public PostgreSqlModuleDatabase(string module, string connectionString)
        : base(module, StorageProvider.PostgreSql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = module };
        dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        Bootstrap = new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
    }

    /// <summary>The connection string without the module's search path, to create the schema.</summary>
    public string Bootstrap { get; }

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    public async Task CreateSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Bootstrap);
        await connection.OpenAsync(cancellationToken);
        // Two nodes starting together may both try; the advisory lock makes the second wait.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.Command($"SELECT pg_advisory_xact_lock(hashtext('schema:{Module}')); CREATE SCHEMA IF NOT EXISTS \"{Module}\"", transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The NOTIFY channel of this module's changes (channels are per database, schemas are not).</summary>
    private string Channel => Module + "_changes";

    public override async Task SignalChangeAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken = default)
    {
        await using var command = connection.Command("SELECT pg_notify(@channel, '')", transaction);
        command.AddParameter("channel", Channel);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override IChangeListener ListenForChanges() => new PostgreSqlChangeListener(dataSource, Channel);

    protected internal override async Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction)
    {
        await using var command = connection.Command($"SELECT pg_advisory_xact_lock(hashtext('migrate:{Module}'))", transaction);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await dataSource.DisposeAsync();
    }
}

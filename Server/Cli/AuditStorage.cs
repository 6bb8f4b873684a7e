using Audit;
using Microsoft.Data.Sqlite;
using Npgsql;
using Platform.Hosting;
using System.Data.Common;

namespace Server.Cli;

/// <summary>
/// The audit database of a deployment, found from the same configuration the server reads
/// (<c>appsettings.json</c>, <c>Platform__…</c> environment variables, <c>--Platform:…</c>
/// options): the SQLite file of the data directory, or the <c>audit</c> schema on PostgreSQL.
/// Opened read-only where the provider allows, so verifying never changes the log.
/// </summary>
internal static class AuditStorage
{
    /// <summary>True when the options name a database: <c>--data-dir</c>, or any <c>--Platform:…</c> option, or PostgreSQL in configuration.</summary>
    public static bool IsSelected(AuditCommandOptions options) =>
        options.Has("--data-dir") || options.Configuration.Count > 0 || IsPostgreSql(Read(options));

    /// <summary>Where the database is, for the person reading the output (no password).</summary>
    public static string Describe(AuditCommandOptions options)
    {
        var platform = Read(options);
        if (IsPostgreSql(platform))
        {
            var builder = new NpgsqlConnectionStringBuilder(platform.Storage.ConnectionString);
            return $"the PostgreSQL schema '{AuditServiceCollectionExtensions.DatabaseName}' of database '{builder.Database}' on {builder.Host}:{builder.Port}";
        }

        return Path.GetFullPath(options["--data-dir"] ?? platform.DataDirectory);
    }

    /// <summary>An open connection to the audit tables.</summary>
    public static async Task<DbConnection> OpenAsync(AuditCommandOptions options, CancellationToken cancellationToken = default)
    {
        var platform = Read(options);
        DbConnection connection;
        if (IsPostgreSql(platform))
        {
            if (string.IsNullOrWhiteSpace(platform.Storage.ConnectionString))
            {
                throw new InvalidOperationException("Platform:Storage:Provider is PostgreSql but Platform:Storage:ConnectionString is empty.");
            }

            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(platform.Storage.ConnectionString)
            {
                SearchPath = AuditServiceCollectionExtensions.DatabaseName,
                Options = "-c default_transaction_read_only=on",
            }.ConnectionString);
        }
        else
        {
            var path = Path.Combine(Path.GetFullPath(options["--data-dir"] ?? platform.DataDirectory), AuditServiceCollectionExtensions.DatabaseName + ".db");
            if (!File.Exists(path))
            {
                throw new IOException($"there is no audit database at {path}.");
            }

            connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        }

        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static PlatformOptions Read(AuditCommandOptions options)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. options.Configuration])
            .Build();
        var platform = new PlatformOptions();
        configuration.GetSection(PlatformOptions.Section).Bind(platform);
        return platform;
    }

    private static bool IsPostgreSql(PlatformOptions platform) =>
        platform.Storage.Provider.ToLowerInvariant() is "postgresql" or "postgres" or "npgsql";
}

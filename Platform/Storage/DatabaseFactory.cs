using Platform.Hosting;
using System.Collections.Concurrent;

namespace Platform.Storage;

/// <summary>Opens module databases on the provider named in <c>Platform:Storage</c>.</summary>
internal sealed class DatabaseFactory : IDatabaseFactory, IAsyncDisposable
{
    private readonly PlatformOptions options;
    private readonly ConcurrentDictionary<string, Lazy<ModuleDatabase>> databases = new(StringComparer.Ordinal);

    public DatabaseFactory(PlatformOptions options)
    {
        this.options = options;
        Provider = ParseProvider(options.Storage.Provider);
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            throw new InvalidOperationException("Platform:Storage:Provider is PostgreSql but Platform:Storage:ConnectionString is empty.");
        }
    }

    public StorageProvider Provider { get; }

    public IReadOnlyCollection<IModuleDatabase> Opened =>
        databases.Values.Where(d => d.IsValueCreated).Select(d => (IModuleDatabase)d.Value).ToList();

    public IModuleDatabase Open(string module, IReadOnlyList<Migration> migrations)
    {
        if (module.Length == 0 || module.Any(c => !char.IsAsciiLetterLower(c) && c != '_'))
        {
            throw new ArgumentException("A module database name is lowercase letters and '_' only.", nameof(module));
        }

        var database = databases.GetOrAdd(module, name => new Lazy<ModuleDatabase>(() => Create(name, migrations)));
        try
        {
            return database.Value;
        }
        catch
        {
            // Lazy keeps the exception: forget it so the next Open tries again (the database may be back).
            databases.TryRemove(new KeyValuePair<string, Lazy<ModuleDatabase>>(module, database));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in databases.Values.Where(d => d.IsValueCreated))
        {
            await database.Value.DisposeAsync();
        }
    }

    public static StorageProvider ParseProvider(string? name) => name?.ToLowerInvariant() switch
    {
        null or "" or "sqlite" => StorageProvider.Sqlite,
        "postgresql" or "postgres" or "npgsql" => StorageProvider.PostgreSql,
        _ => throw new InvalidOperationException($"Platform:Storage:Provider '{name}' is not Sqlite or PostgreSql."),
    };

    private ModuleDatabase Create(string module, IReadOnlyList<Migration> migrations)
    {
        ModuleDatabase database;
        if (Provider == StorageProvider.Sqlite)
        {
            Directory.CreateDirectory(options.DataDirectoryPath);
            database = new SqliteModuleDatabase(module, Path.Combine(options.DataDirectoryPath, module + ".db"));
        }
        else
        {
            database = new PostgreSqlModuleDatabase(module, options.Storage.ConnectionString!);
        }

        try
        {
            if (database is PostgreSqlModuleDatabase postgres)
            {
                postgres.CreateSchemaAsync(CancellationToken.None).GetAwaiter().GetResult();
            }

            // Start-up work: modules open their databases once, before serving.
            MigrationRunner.RunAsync(database, migrations).GetAwaiter().GetResult();
        }
        catch
        {
            // A failed open must not leave the committer and the connection pool behind.
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return database;
    }
}

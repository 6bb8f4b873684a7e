namespace Platform.Storage;

/// <summary>The database engines the platform stores its state in.</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite, one file per module in the data directory.</summary>
    Sqlite,
    /// <summary>PostgreSQL, one schema per module, shared by several nodes.</summary>
    PostgreSql,
}

namespace Platform.Storage;

/// <summary>
/// One versioned schema change of a module. Versions start at 1 and only ever grow; an applied
/// migration is never edited, a new one is added instead.
/// </summary>
/// <param name="Version">The schema version this migration brings the module to.</param>
/// <param name="Description">What it changes, recorded with it.</param>
/// <param name="Sqlite">The statements for SQLite.</param>
/// <param name="PostgreSql">The statements for PostgreSQL (run in the module's schema).</param>
public sealed record Migration(int Version, string Description, string Sqlite, string PostgreSql)
{
    /// <summary>The statements for <paramref name="provider"/>.</summary>
    public string For(StorageProvider provider) => provider == StorageProvider.Sqlite ? Sqlite : PostgreSql;
}

using Platform.Storage;

namespace Pki.Tsa.Storage;

/// <summary>The TSA schema's versions. Append only.</summary>
internal static class TsaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "TSA settings",
            Sqlite: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
            PostgreSql: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    ];
}

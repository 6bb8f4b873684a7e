using Platform.Storage;

namespace Identity.Storage;

/// <summary>The identity provider's schema versions. Append only.</summary>
internal static class IdentityMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "Identity settings",
            Sqlite: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
            PostgreSql: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    ];
}

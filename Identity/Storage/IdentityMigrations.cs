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
        // Version 2 is the OpenID Connect server's tables; the runner needs versions without gaps.
        new(2, "Identity server tables (reserved)", Sqlite: "SELECT 1;", PostgreSql: "SELECT 1;"),
        People.Storage.PeopleMigration.Migration,
    ];
}

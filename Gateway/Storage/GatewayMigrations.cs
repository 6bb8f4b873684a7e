using Platform.Storage;

namespace Gateway.Storage;

/// <summary>The gateway schema's versions. Append only.</summary>
internal static class GatewayMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "gateway settings",
            Sqlite: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
            PostgreSql: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    ];
}

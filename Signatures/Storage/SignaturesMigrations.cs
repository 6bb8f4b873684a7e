using Platform.Storage;

namespace Signatures.Storage;

/// <summary>The signature service's schema versions. Append only.</summary>
internal static class SignaturesMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "Signature service settings",
            Sqlite: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);",
            PostgreSql: "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);"),
    ];
}

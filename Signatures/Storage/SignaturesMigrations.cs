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
        // One seal per department: the key's id in the key store and its certificate with the chain (PEM).
        new(2, "Department seals",
            Sqlite: "CREATE TABLE seals (department TEXT PRIMARY KEY, key_id TEXT NOT NULL, algorithm TEXT NOT NULL, serial TEXT NOT NULL, " +
                "certificates TEXT NOT NULL, created_at INTEGER NOT NULL, created_by TEXT NOT NULL);",
            PostgreSql: "CREATE TABLE seals (department TEXT PRIMARY KEY, key_id TEXT NOT NULL, algorithm TEXT NOT NULL, serial TEXT NOT NULL, " +
                "certificates TEXT NOT NULL, created_at BIGINT NOT NULL, created_by TEXT NOT NULL);"),
    ];
}

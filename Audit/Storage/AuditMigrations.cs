using Platform.Storage;

namespace Audit.Storage;

/// <summary>The audit schema's versions. Append only.</summary>
internal static class AuditMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "Log entries, Merkle nodes, checkpoints and settings",
            // Leaf hashes live with their entries; nodes holds the complete subtrees above them
            // (level >= 1). Search indexes end in idx so a single filter also yields newest-first order.
            Sqlite: """
                CREATE TABLE entries (
                    idx INTEGER PRIMARY KEY, entry BLOB NOT NULL, leaf_hash BLOB NOT NULL, entry_time INTEGER NOT NULL,
                    actor TEXT NULL, action TEXT NOT NULL, target TEXT NULL, outcome TEXT NOT NULL, module TEXT NOT NULL);
                CREATE INDEX entries_time ON entries (entry_time, idx);
                CREATE INDEX entries_actor ON entries (actor, idx);
                CREATE INDEX entries_action ON entries (action, idx);
                CREATE INDEX entries_target ON entries (target, idx);
                CREATE INDEX entries_outcome ON entries (outcome, idx);
                CREATE INDEX entries_module ON entries (module, idx);
                CREATE TABLE nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, PRIMARY KEY (level, idx));
                CREATE TABLE checkpoints (tree_size INTEGER PRIMARY KEY, root_hash BLOB NOT NULL, note TEXT NOT NULL, published_at INTEGER NOT NULL);
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                """,
            PostgreSql: """
                CREATE TABLE entries (
                    idx BIGINT PRIMARY KEY, entry BYTEA NOT NULL, leaf_hash BYTEA NOT NULL, entry_time BIGINT NOT NULL,
                    actor TEXT NULL, action TEXT NOT NULL, target TEXT NULL, outcome TEXT NOT NULL, module TEXT NOT NULL);
                CREATE INDEX entries_time ON entries (entry_time, idx);
                CREATE INDEX entries_actor ON entries (actor, idx);
                CREATE INDEX entries_action ON entries (action, idx);
                CREATE INDEX entries_target ON entries (target, idx);
                CREATE INDEX entries_outcome ON entries (outcome, idx);
                CREATE INDEX entries_module ON entries (module, idx);
                CREATE TABLE nodes (level INTEGER NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx));
                CREATE TABLE checkpoints (tree_size BIGINT PRIMARY KEY, root_hash BYTEA NOT NULL, note TEXT NOT NULL, published_at BIGINT NOT NULL);
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                """),
        new(2, "Event ids, so an event delivered twice is recorded once",
            Sqlite: "CREATE TABLE event_ids (event_id TEXT PRIMARY KEY, idx INTEGER NOT NULL);",
            PostgreSql: "CREATE TABLE event_ids (event_id TEXT PRIMARY KEY, idx BIGINT NOT NULL);"),
        // The RFC 3161 token over the checkpoint's signed note, kept beside it; null while the TSA
        // has not granted one (or for checkpoints published before this version).
        new(3, "Time-stamp tokens of checkpoints",
            Sqlite: "ALTER TABLE checkpoints ADD COLUMN timestamp_token BLOB NULL;",
            PostgreSql: "ALTER TABLE checkpoints ADD COLUMN timestamp_token BYTEA NULL;"),
    ];
}

using Platform.Storage;

namespace Pmi.Authorization.Storage;

/// <summary>The authorization module's schema versions. Append only.</summary>
internal static class AuthorizationMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "Versioned policy sets and schemas",
            Sqlite: """
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE documents (
                    version INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('policies', 'schema')),
                    format TEXT NOT NULL,
                    text TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    actor TEXT);
                CREATE INDEX documents_kind ON documents (kind, version);
                """,
            PostgreSql: """
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE documents (
                    version BIGINT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('policies', 'schema')),
                    format TEXT NOT NULL,
                    text TEXT NOT NULL,
                    sha256 TEXT NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    actor TEXT);
                CREATE INDEX documents_kind ON documents (kind, version);
                """),
        new(2, "Attribute certificates",
            Sqlite: """
                CREATE TABLE attribute_certificates (
                    serial TEXT PRIMARY KEY,
                    holder_serial TEXT NOT NULL,
                    der BLOB NOT NULL,
                    roles TEXT NOT NULL,
                    department TEXT,
                    clearance TEXT,
                    not_before TEXT NOT NULL,
                    not_after TEXT NOT NULL,
                    revoked_at TEXT,
                    created_at TEXT NOT NULL);
                CREATE INDEX attribute_certificates_holder ON attribute_certificates (holder_serial);
                """,
            PostgreSql: """
                CREATE TABLE attribute_certificates (
                    serial TEXT PRIMARY KEY,
                    holder_serial TEXT NOT NULL,
                    der BYTEA NOT NULL,
                    roles TEXT NOT NULL,
                    department TEXT,
                    clearance TEXT,
                    not_before TIMESTAMPTZ NOT NULL,
                    not_after TIMESTAMPTZ NOT NULL,
                    revoked_at TIMESTAMPTZ,
                    created_at TIMESTAMPTZ NOT NULL);
                CREATE INDEX attribute_certificates_holder ON attribute_certificates (holder_serial);
                """),
        new(3, "Delegations of the right to grant roles",
            Sqlite: """
                CREATE TABLE delegations (
                    id TEXT PRIMARY KEY,
                    delegate_serial TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    max_depth INTEGER NOT NULL,
                    parent_id TEXT REFERENCES delegations (id),
                    not_before TEXT NOT NULL,
                    not_after TEXT NOT NULL,
                    revoked_at TEXT,
                    created_at TEXT NOT NULL);
                CREATE INDEX delegations_delegate ON delegations (delegate_serial);
                """,
            PostgreSql: """
                CREATE TABLE delegations (
                    id TEXT PRIMARY KEY,
                    delegate_serial TEXT NOT NULL,
                    roles TEXT NOT NULL,
                    max_depth INTEGER NOT NULL,
                    parent_id TEXT REFERENCES delegations (id),
                    not_before TIMESTAMPTZ NOT NULL,
                    not_after TIMESTAMPTZ NOT NULL,
                    revoked_at TIMESTAMPTZ,
                    created_at TIMESTAMPTZ NOT NULL);
                CREATE INDEX delegations_delegate ON delegations (delegate_serial);
                """),
        // The bounds a delegation covers beyond its roles. Delegations stored before carry none: they
        // keep granting their roles, but only without a department or a clearance, the narrowest reading
        // of what they said (an administrator delegates again to widen one).
        new(4, "Delegations bound departments and clearance",
            Sqlite: """
                ALTER TABLE delegations ADD COLUMN departments TEXT NOT NULL DEFAULT '';
                ALTER TABLE delegations ADD COLUMN max_clearance TEXT;
                """,
            PostgreSql: """
                ALTER TABLE delegations ADD COLUMN departments TEXT NOT NULL DEFAULT '';
                ALTER TABLE delegations ADD COLUMN max_clearance TEXT;
                """),
    ];
}

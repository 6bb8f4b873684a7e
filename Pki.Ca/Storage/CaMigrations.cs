using Platform.Storage;

namespace Pki.Ca.Storage;

/// <summary>The CA schema's versions. Append only.</summary>
internal static class CaMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "CAs, certificates and settings",
            Sqlite: """
                CREATE TABLE cas (name TEXT PRIMARY KEY, key_id TEXT NOT NULL, certificate BLOB NOT NULL, parent TEXT NULL, created_at INTEGER NOT NULL);
                CREATE TABLE certificates (
                    serial TEXT PRIMARY KEY, ca_name TEXT NOT NULL REFERENCES cas(name), subject TEXT NOT NULL, profile TEXT NOT NULL,
                    not_before INTEGER NOT NULL, not_after INTEGER NOT NULL, der BLOB NOT NULL, requested_by TEXT NOT NULL,
                    issued_at INTEGER NOT NULL, revoked_at INTEGER NULL, revocation_reason TEXT NULL);
                CREATE INDEX certificates_issued ON certificates (issued_at DESC, serial DESC);
                CREATE INDEX certificates_subject ON certificates (subject);
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                """,
            PostgreSql: """
                CREATE TABLE cas (name TEXT PRIMARY KEY, key_id TEXT NOT NULL, certificate BYTEA NOT NULL, parent TEXT NULL, created_at BIGINT NOT NULL);
                CREATE TABLE certificates (
                    serial TEXT PRIMARY KEY, ca_name TEXT NOT NULL REFERENCES cas(name), subject TEXT NOT NULL, profile TEXT NOT NULL,
                    not_before BIGINT NOT NULL, not_after BIGINT NOT NULL, der BYTEA NOT NULL, requested_by TEXT NOT NULL,
                    issued_at BIGINT NOT NULL, revoked_at BIGINT NULL, revocation_reason TEXT NULL);
                CREATE INDEX certificates_issued ON certificates (issued_at DESC, serial DESC);
                CREATE INDEX certificates_subject ON certificates (lower(subject));
                CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                """),
        new(2, "Revocation details and CRL numbering",
            Sqlite: """
                ALTER TABLE certificates ADD COLUMN invalidity_date INTEGER NULL;
                CREATE INDEX certificates_revoked ON certificates (ca_name, revoked_at) WHERE revoked_at IS NOT NULL;
                CREATE TABLE crl_numbers (ca_name TEXT PRIMARY KEY REFERENCES cas(name), last_number INTEGER NOT NULL);
                CREATE TABLE crls (
                    ca_name TEXT NOT NULL REFERENCES cas(name), number INTEGER NOT NULL, base_number INTEGER NULL,
                    this_update INTEGER NOT NULL, next_update INTEGER NOT NULL, der BLOB NOT NULL, PRIMARY KEY (ca_name, number));
                """,
            PostgreSql: """
                ALTER TABLE certificates ADD COLUMN invalidity_date BIGINT NULL;
                CREATE INDEX certificates_revoked ON certificates (ca_name, revoked_at) WHERE revoked_at IS NOT NULL;
                CREATE TABLE crl_numbers (ca_name TEXT PRIMARY KEY REFERENCES cas(name), last_number BIGINT NOT NULL);
                CREATE TABLE crls (
                    ca_name TEXT NOT NULL REFERENCES cas(name), number BIGINT NOT NULL, base_number BIGINT NULL,
                    this_update BIGINT NOT NULL, next_update BIGINT NOT NULL, der BYTEA NOT NULL, PRIMARY KEY (ca_name, number));
                """),
        new(3, "Revocation changes, for the other nodes sharing the database",
            Sqlite: """
                CREATE TABLE change_counter (name TEXT PRIMARY KEY, last_sequence INTEGER NOT NULL);
                CREATE TABLE revocation_changes (
                    sequence INTEGER PRIMARY KEY, origin TEXT NOT NULL, ca_name TEXT NOT NULL, serial TEXT NULL, crl_number INTEGER NULL,
                    changed_at INTEGER NOT NULL);
                CREATE INDEX revocation_changes_ca ON revocation_changes (ca_name, sequence) WHERE serial IS NOT NULL;
                ALTER TABLE crls ADD COLUMN covers_change INTEGER NOT NULL DEFAULT 0;
                """,
            PostgreSql: """
                CREATE TABLE change_counter (name TEXT PRIMARY KEY, last_sequence BIGINT NOT NULL);
                CREATE TABLE revocation_changes (
                    sequence BIGINT PRIMARY KEY, origin TEXT NOT NULL, ca_name TEXT NOT NULL, serial TEXT NULL, crl_number BIGINT NULL,
                    changed_at BIGINT NOT NULL);
                CREATE INDEX revocation_changes_ca ON revocation_changes (ca_name, sequence) WHERE serial IS NOT NULL;
                ALTER TABLE crls ADD COLUMN covers_change BIGINT NOT NULL DEFAULT 0;
                """),
        new(4, "The change counter's row exists, so that every revocation can lock it first",
            Sqlite: "INSERT INTO change_counter (name, last_sequence) VALUES ('revocation', 0) ON CONFLICT (name) DO NOTHING;",
            PostgreSql: "INSERT INTO change_counter (name, last_sequence) VALUES ('revocation', 0) ON CONFLICT (name) DO NOTHING;"),
        new(5, "CA generations (rollover) and the hierarchy of CAs made in key ceremonies",
            Sqlite: "ALTER TABLE cas ADD COLUMN superseded_by TEXT NULL; ALTER TABLE cas ADD COLUMN hierarchy TEXT NULL;",
            PostgreSql: "ALTER TABLE cas ADD COLUMN superseded_by TEXT NULL; ALTER TABLE cas ADD COLUMN hierarchy TEXT NULL;"),
        new(6, "Departments and their certificate requests (the registration authority)",
            Sqlite: """
                CREATE TABLE departments (
                    name TEXT PRIMARY KEY, display_name TEXT NOT NULL, organization TEXT NULL, dns_suffixes TEXT NOT NULL,
                    email_domains TEXT NOT NULL, profiles TEXT NOT NULL, max_certificates INTEGER NULL,
                    created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
                CREATE TABLE certificate_requests (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), profile TEXT NOT NULL, csr TEXT NOT NULL,
                    subject TEXT NOT NULL, requester TEXT NOT NULL, requester_name TEXT NOT NULL, status TEXT NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, closed_at INTEGER NULL, closed_by TEXT NULL,
                    comment TEXT NULL, serial TEXT NULL REFERENCES certificates(serial));
                CREATE INDEX certificate_requests_open ON certificate_requests (department, status);
                CREATE INDEX certificate_requests_created ON certificate_requests (created_at DESC, id DESC);
                CREATE TABLE request_approvals (
                    request_id TEXT NOT NULL REFERENCES certificate_requests(id), officer TEXT NOT NULL, officer_name TEXT NOT NULL,
                    comment TEXT NULL, approved_at INTEGER NOT NULL, PRIMARY KEY (request_id, officer));
                """,
            PostgreSql: """
                CREATE TABLE departments (
                    name TEXT PRIMARY KEY, display_name TEXT NOT NULL, organization TEXT NULL, dns_suffixes TEXT NOT NULL,
                    email_domains TEXT NOT NULL, profiles TEXT NOT NULL, max_certificates BIGINT NULL,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
                CREATE TABLE certificate_requests (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), profile TEXT NOT NULL, csr TEXT NOT NULL,
                    subject TEXT NOT NULL, requester TEXT NOT NULL, requester_name TEXT NOT NULL, status TEXT NOT NULL,
                    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, closed_at BIGINT NULL, closed_by TEXT NULL,
                    comment TEXT NULL, serial TEXT NULL REFERENCES certificates(serial));
                CREATE INDEX certificate_requests_open ON certificate_requests (department, status);
                CREATE INDEX certificate_requests_created ON certificate_requests (created_at DESC, id DESC);
                CREATE TABLE request_approvals (
                    request_id TEXT NOT NULL REFERENCES certificate_requests(id), officer TEXT NOT NULL, officer_name TEXT NOT NULL,
                    comment TEXT NULL, approved_at BIGINT NOT NULL, PRIMARY KEY (request_id, officer));
                """),
        new(7, "One-time enrollment secrets registration officers hand out for EST",
            Sqlite: """
                CREATE TABLE enrollment_secrets (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), profile TEXT NOT NULL, subject TEXT NULL,
                    secret_sha256 TEXT NOT NULL, created_by TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
                    used_at INTEGER NULL, serial TEXT NULL REFERENCES certificates(serial));
                """,
            PostgreSql: """
                CREATE TABLE enrollment_secrets (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), profile TEXT NOT NULL, subject TEXT NULL,
                    secret_sha256 TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL,
                    used_at BIGINT NULL, serial TEXT NULL REFERENCES certificates(serial));
                """),
        new(8, "A certificate request remembers its CSR's hash, so an EST client that repeats a POST finds its request",
            Sqlite: """
                ALTER TABLE certificate_requests ADD COLUMN csr_sha256 TEXT NULL;
                CREATE INDEX certificate_requests_csr ON certificate_requests (department, requester, csr_sha256);
                """,
            PostgreSql: """
                ALTER TABLE certificate_requests ADD COLUMN csr_sha256 TEXT NULL;
                CREATE INDEX certificate_requests_csr ON certificate_requests (department, requester, csr_sha256);
                """),
    ];
}

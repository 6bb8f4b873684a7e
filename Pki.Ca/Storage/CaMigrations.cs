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
        new(8, "ACME accounts, orders, authorizations and the External Account Binding keys that tie accounts to departments",
            Sqlite: """
                CREATE TABLE acme_external_keys (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), mac_key BLOB NOT NULL, created_by TEXT NOT NULL,
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, account_id TEXT NULL UNIQUE);
                CREATE TABLE acme_accounts (
                    id TEXT PRIMARY KEY, thumbprint TEXT NOT NULL UNIQUE, jwk TEXT NOT NULL, contact TEXT NOT NULL, status TEXT NOT NULL,
                    department TEXT NULL REFERENCES departments(name), external_key TEXT NULL UNIQUE REFERENCES acme_external_keys(id), created_at INTEGER NOT NULL);
                CREATE TABLE acme_orders (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES acme_accounts(id), department TEXT NULL REFERENCES departments(name),
                    profile TEXT NOT NULL, identifiers TEXT NOT NULL, expires_at INTEGER NOT NULL, not_before INTEGER NULL, not_after INTEGER NULL,
                    serial TEXT NULL UNIQUE REFERENCES certificates(serial), replaces TEXT NULL, created_at INTEGER NOT NULL);
                CREATE INDEX acme_orders_account ON acme_orders (account_id, created_at DESC, id DESC);
                CREATE INDEX acme_orders_department ON acme_orders (department) WHERE serial IS NOT NULL;
                CREATE INDEX acme_orders_replaces ON acme_orders (replaces) WHERE replaces IS NOT NULL;
                CREATE TABLE acme_authorizations (
                    id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES acme_orders(id), account_id TEXT NOT NULL, identifier TEXT NOT NULL,
                    wildcard INTEGER NOT NULL, status TEXT NOT NULL, expires_at INTEGER NOT NULL, token TEXT NOT NULL,
                    challenge_type TEXT NULL, validated_at INTEGER NULL, error TEXT NULL);
                CREATE INDEX acme_authorizations_order ON acme_authorizations (order_id);
                """,
            PostgreSql: """
                CREATE TABLE acme_external_keys (
                    id TEXT PRIMARY KEY, department TEXT NOT NULL REFERENCES departments(name), mac_key BYTEA NOT NULL, created_by TEXT NOT NULL,
                    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, account_id TEXT NULL UNIQUE);
                CREATE TABLE acme_accounts (
                    id TEXT PRIMARY KEY, thumbprint TEXT NOT NULL UNIQUE, jwk TEXT NOT NULL, contact TEXT NOT NULL, status TEXT NOT NULL,
                    department TEXT NULL REFERENCES departments(name), external_key TEXT NULL UNIQUE REFERENCES acme_external_keys(id), created_at BIGINT NOT NULL);
                CREATE TABLE acme_orders (
                    id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES acme_accounts(id), department TEXT NULL REFERENCES departments(name),
                    profile TEXT NOT NULL, identifiers TEXT NOT NULL, expires_at BIGINT NOT NULL, not_before BIGINT NULL, not_after BIGINT NULL,
                    serial TEXT NULL UNIQUE REFERENCES certificates(serial), replaces TEXT NULL, created_at BIGINT NOT NULL);
                CREATE INDEX acme_orders_account ON acme_orders (account_id, created_at DESC, id DESC);
                CREATE INDEX acme_orders_department ON acme_orders (department) WHERE serial IS NOT NULL;
                CREATE INDEX acme_orders_replaces ON acme_orders (replaces) WHERE replaces IS NOT NULL;
                CREATE TABLE acme_authorizations (
                    id TEXT PRIMARY KEY, order_id TEXT NOT NULL REFERENCES acme_orders(id), account_id TEXT NOT NULL, identifier TEXT NOT NULL,
                    wildcard BOOLEAN NOT NULL, status TEXT NOT NULL, expires_at BIGINT NOT NULL, token TEXT NOT NULL,
                    challenge_type TEXT NULL, validated_at BIGINT NULL, error TEXT NULL);
                CREATE INDEX acme_authorizations_order ON acme_authorizations (order_id);
                """),
        new(9, "Dual certificate pairs: escrowed encryption keys and their recoveries",
            Sqlite: """
                ALTER TABLE certificate_requests ADD COLUMN encryption_certificate INTEGER NOT NULL DEFAULT 0;
                CREATE TABLE escrowed_keys (
                    serial TEXT PRIMARY KEY REFERENCES certificates(serial), signing_serial TEXT NOT NULL REFERENCES certificates(serial),
                    request_id TEXT NOT NULL UNIQUE REFERENCES certificate_requests(id), department TEXT NOT NULL, algorithm TEXT NOT NULL,
                    sealed_key BLOB NOT NULL, envelope_format TEXT NOT NULL, envelope BLOB NOT NULL, escrowed_at INTEGER NOT NULL);
                CREATE TABLE key_recoveries (
                    id TEXT PRIMARY KEY, serial TEXT NOT NULL REFERENCES escrowed_keys(serial), department TEXT NOT NULL, reason TEXT NOT NULL,
                    recipient BLOB NOT NULL, recipient_serial TEXT NOT NULL, opened_by TEXT NOT NULL, opened_by_name TEXT NOT NULL,
                    opened_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, status TEXT NOT NULL, approved_by TEXT NULL,
                    approved_by_name TEXT NULL, approved_at INTEGER NULL, envelope_format TEXT NULL, envelope BLOB NULL);
                CREATE INDEX key_recoveries_serial ON key_recoveries (serial);
                CREATE INDEX key_recoveries_opened ON key_recoveries (opened_at DESC, id DESC);
                """,
            PostgreSql: """
                ALTER TABLE certificate_requests ADD COLUMN encryption_certificate BIGINT NOT NULL DEFAULT 0;
                CREATE TABLE escrowed_keys (
                    serial TEXT PRIMARY KEY REFERENCES certificates(serial), signing_serial TEXT NOT NULL REFERENCES certificates(serial),
                    request_id TEXT NOT NULL UNIQUE REFERENCES certificate_requests(id), department TEXT NOT NULL, algorithm TEXT NOT NULL,
                    sealed_key BYTEA NOT NULL, envelope_format TEXT NOT NULL, envelope BYTEA NOT NULL, escrowed_at BIGINT NOT NULL);
                CREATE TABLE key_recoveries (
                    id TEXT PRIMARY KEY, serial TEXT NOT NULL REFERENCES escrowed_keys(serial), department TEXT NOT NULL, reason TEXT NOT NULL,
                    recipient BYTEA NOT NULL, recipient_serial TEXT NOT NULL, opened_by TEXT NOT NULL, opened_by_name TEXT NOT NULL,
                    opened_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, status TEXT NOT NULL, approved_by TEXT NULL,
                    approved_by_name TEXT NULL, approved_at BIGINT NULL, envelope_format TEXT NULL, envelope BYTEA NULL);
                CREATE INDEX key_recoveries_serial ON key_recoveries (serial);
                CREATE INDEX key_recoveries_opened ON key_recoveries (opened_at DESC, id DESC);
                """),
        new(10, "A certificate request remembers its CSR's hash, so an EST client that repeats a POST finds its request",
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

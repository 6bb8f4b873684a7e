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
        new(2, "OpenID Connect applications, authorizations, scopes and tokens", Sqlite: OpenIddictTables, PostgreSql: OpenIddictTables),
        People.Storage.PeopleMigration.Migration,
    ];

    /// <summary>The same statements on both engines: text, BIGINT times (Unix milliseconds), no engine-specific types.</summary>
    private const string OpenIddictTables = """
            CREATE TABLE applications (
                id TEXT PRIMARY KEY, client_id TEXT NOT NULL UNIQUE, client_secret TEXT, client_type TEXT, application_type TEXT,
                consent_type TEXT, display_name TEXT, display_names TEXT, json_web_key_set TEXT, permissions TEXT,
                post_logout_redirect_uris TEXT, redirect_uris TEXT, requirements TEXT, settings TEXT, properties TEXT,
                concurrency_token TEXT NOT NULL);
            CREATE TABLE authorizations (
                id TEXT PRIMARY KEY, application_id TEXT REFERENCES applications (id), creation_date BIGINT, properties TEXT,
                scopes TEXT, status TEXT, subject TEXT, type TEXT, concurrency_token TEXT NOT NULL);
            CREATE INDEX authorizations_by_application ON authorizations (application_id, status, subject, type);
            CREATE INDEX authorizations_by_subject ON authorizations (subject);
            CREATE TABLE scopes (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT, descriptions TEXT, display_name TEXT,
                display_names TEXT, properties TEXT, resources TEXT, concurrency_token TEXT NOT NULL);
            CREATE TABLE tokens (
                id TEXT PRIMARY KEY, application_id TEXT REFERENCES applications (id), authorization_id TEXT REFERENCES authorizations (id),
                creation_date BIGINT, expiration_date BIGINT, payload TEXT, properties TEXT, redemption_date BIGINT,
                reference_id TEXT UNIQUE, status TEXT, subject TEXT, type TEXT, concurrency_token TEXT NOT NULL);
            CREATE INDEX tokens_by_application ON tokens (application_id, status, subject, type);
            CREATE INDEX tokens_by_authorization ON tokens (authorization_id);
            CREATE INDEX tokens_by_subject ON tokens (subject);
            CREATE INDEX tokens_by_expiration ON tokens (expiration_date);
            """;
}

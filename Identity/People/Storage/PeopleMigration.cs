using Platform.Storage;

namespace Identity.People.Storage;

/// <summary>
/// The directory's tables: people, and the certificates bound to them (one person per
/// certificate, by the primary key). Times are Unix milliseconds; sealed seeds are bytes.
/// </summary>
internal static class PeopleMigration
{
    public const int Version = 3;

    private const string Tables = """
        CREATE TABLE people (
            login TEXT PRIMARY KEY,
            display_name TEXT NOT NULL,
            department TEXT NOT NULL,
            roles TEXT NOT NULL,
            disabled BIGINT NOT NULL,
            password_hash TEXT,
            totp_secret {0},
            totp_pending {0},
            totp_last_step BIGINT,
            failed_attempts BIGINT NOT NULL,
            locked_until BIGINT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL);
        CREATE TABLE person_certificates (
            serial TEXT PRIMARY KEY,
            login TEXT NOT NULL REFERENCES people (login),
            bound_at BIGINT NOT NULL);
        CREATE INDEX person_certificates_login ON person_certificates (login);
        """;

    public static Migration Migration { get; } = new(Version, "Identity people and their certificates",
        Sqlite: string.Format(System.Globalization.CultureInfo.InvariantCulture, Tables, "BLOB"),
        PostgreSql: string.Format(System.Globalization.CultureInfo.InvariantCulture, Tables, "BYTEA"));
}

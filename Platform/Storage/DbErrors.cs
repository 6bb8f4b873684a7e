using Microsoft.Data.Sqlite;
using Npgsql;

namespace Platform.Storage;

/// <summary>Recognises provider errors that callers turn into expected outcomes.</summary>
public static class DbErrors
{
    /// <summary>True when <paramref name="exception"/> is a primary-key or unique-constraint violation.</summary>
    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

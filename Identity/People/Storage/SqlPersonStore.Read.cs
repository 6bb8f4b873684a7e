using System.Data.Common;
using Platform.Storage;

namespace Identity.People.Storage;

internal sealed partial class SqlPersonStore
{
    private async Task<StoredPerson?> ReadAsync(DbConnection connection, DbTransaction? transaction, string login, bool forUpdate, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time already; PostgreSQL nodes must not interleave read and write of one person.
        var lockRow = forUpdate && database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE" : "";
        StoredPerson? person;
        await using (var command = connection.Command($"SELECT {Columns} FROM people WHERE login = @login{lockRow}", transaction))
        {
            command.AddParameter("login", login);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            person = new StoredPerson(
                Login: reader.GetString(0),
                DisplayName: reader.GetString(1),
                Department: reader.GetString(2),
                Roles: reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                Disabled: Number(reader, 4) != 0,
                PasswordHash: reader.IsDBNull(5) ? null : reader.GetString(5),
                TotpSecret: reader.IsDBNull(6) ? null : (byte[])reader.GetValue(6),
                TotpPending: reader.IsDBNull(7) ? null : (byte[])reader.GetValue(7),
                TotpLastStep: reader.IsDBNull(8) ? null : Number(reader, 8),
                FailedAttempts: (int)Number(reader, 9),
                LockedUntil: reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Number(reader, 10)),
                Certificates: [],
                CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(Number(reader, 11)),
                UpdatedAt: DateTimeOffset.FromUnixTimeMilliseconds(Number(reader, 12)));
        }

        var certificates = new List<string>();
        await using (var command = connection.Command("SELECT serial FROM person_certificates WHERE login = @login ORDER BY bound_at, serial", transaction))
        {
            command.AddParameter("login", login);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                certificates.Add(reader.GetString(0));
            }
        }

        return person with { Certificates = certificates };
    }

    private static long Number(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}

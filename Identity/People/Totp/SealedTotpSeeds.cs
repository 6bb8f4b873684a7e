using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Platform.Keys;
using Platform.Storage;

namespace Identity.People.Totp;

/// <summary>
/// The people's one-time-password seeds (<c>people.totp_secret</c> and <c>people.totp_pending</c>),
/// sealed for <see cref="TotpEnrolment.SealPurpose"/> and bound to the person's login, as a store
/// <c>keys rewrap</c> re-seals: without it every enrolled person, administrators among them, would
/// have to enrol again after the key-encryption key changed.
/// </summary>
internal sealed class SealedTotpSeeds([FromKeyedServices(IdentityServiceCollectionExtensions.DatabaseName)] IModuleDatabase database) : ISealedSecretStore
{
    public string Name => "identity TOTP seeds";

    public async Task CheckAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await ResealedAsync(connection, null, current, next, cancellationToken);
    }

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            // Every seed is re-sealed in memory before the first row is written, so a seed that opens under neither key changes nothing.
            var rows = await ResealedAsync(connection, transaction, current, next, ct);
            foreach (var row in rows)
            {
                await using var command = connection.Command("UPDATE people SET totp_secret = @secret, totp_pending = @pending WHERE login = @login", transaction);
                command.AddParameter("login", row.Login).AddParameter("secret", row.Secret).AddParameter("pending", row.Pending);
                await command.ExecuteNonQueryAsync(ct);
            }

            return rows.Sum(r => r.Resealed);
        }, cancellationToken);

    /// <summary>The rows with a seed under the current key, their seeds under the new one (a seed already there kept as it is).</summary>
    private async Task<List<ResealedRow>> ResealedAsync(DbConnection connection, DbTransaction? transaction, SecretSealer current, SecretSealer next, CancellationToken cancellationToken)
    {
        // Inside the transaction PostgreSQL must keep the rows as read until they are written; SQLite's one writer already does.
        var lockRows = transaction is not null && database.Provider == StorageProvider.PostgreSql ? " FOR UPDATE" : "";
        await using var command = connection.Command(
            $"SELECT login, totp_secret, totp_pending FROM people WHERE totp_secret IS NOT NULL OR totp_pending IS NOT NULL ORDER BY login{lockRows}", transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<ResealedRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var login = reader.GetString(0);
            var secret = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
            var pending = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
            var newSecret = Reseal(current, next, login, secret, "The TOTP seed");
            var newPending = Reseal(current, next, login, pending, "The pending TOTP seed");
            var resealed = (newSecret is null ? 0 : 1) + (newPending is null ? 0 : 1);
            if (resealed > 0)
            {
                rows.Add(new ResealedRow(login, newSecret ?? secret, newPending ?? pending, resealed));
            }
        }

        return rows;
    }

    private static byte[]? Reseal(SecretSealer current, SecretSealer next, string login, byte[]? sealedSeed, string what) =>
        sealedSeed is null ? null : SealedSecretRewrap.Reseal(current, next, TotpEnrolment.SealPurpose, login, sealedSeed, $"{what} of the person '{login}' (identity database, people)");

    private sealed record ResealedRow(string Login, byte[]? Secret, byte[]? Pending, int Resealed);
}

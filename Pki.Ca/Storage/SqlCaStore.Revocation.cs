using Platform.Storage;
using Pki.Ca.Revocation;

namespace Pki.Ca.Storage;

internal sealed partial class SqlCaStore
{
    public Task<RevocationWrite> RevokeAsync(
        string serialNumber, string reason, DateTimeOffset revokedAt, DateTimeOffset? invalidityDate, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            // One conditional UPDATE decides, so concurrent revocations on any node cannot both win.
            await using var update = connection.Command("""
                UPDATE certificates SET revoked_at = @at, revocation_reason = @reason, invalidity_date = @invalidity
                WHERE serial = @serial AND (revoked_at IS NULL OR (revocation_reason = @hold AND @reason <> @hold))
                """, transaction);
            update.AddParameter("at", revokedAt.ToUnixTimeMilliseconds()).AddParameter("reason", reason)
                .AddParameter("invalidity", invalidityDate?.ToUnixTimeMilliseconds()).AddParameter("serial", serialNumber)
                .AddParameter("hold", RevocationReasons.CertificateHold);
            if (await update.ExecuteNonQueryAsync(ct) == 1)
            {
                return RevocationWrite.Done;
            }

            return await ExistsAsync(connection, transaction, serialNumber, ct) ? RevocationWrite.AlreadyRevoked : RevocationWrite.NotFound;
        }, cancellationToken);

    public Task<RevocationWrite> ReleaseHoldAsync(string serialNumber, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var update = connection.Command("""
                UPDATE certificates SET revoked_at = NULL, revocation_reason = NULL, invalidity_date = NULL
                WHERE serial = @serial AND revocation_reason = @hold
                """, transaction);
            update.AddParameter("serial", serialNumber).AddParameter("hold", RevocationReasons.CertificateHold);
            if (await update.ExecuteNonQueryAsync(ct) == 1)
            {
                return RevocationWrite.Done;
            }

            return await ExistsAsync(connection, transaction, serialNumber, ct) ? RevocationWrite.NotOnHold : RevocationWrite.NotFound;
        }, cancellationToken);

    public async Task<IReadOnlyList<RevokedEntry>> ListRevokedAsync(string caName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT serial, revoked_at, revocation_reason, invalidity_date FROM certificates WHERE ca_name = @ca AND revoked_at IS NOT NULL ORDER BY serial");
        command.AddParameter("ca", caName);
        return await ReadAllAsync(command, r => new RevokedEntry(
            r.GetString(0), FromUnix(r.GetInt64(1)), r.GetString(2), r.IsDBNull(3) ? null : FromUnix(r.GetInt64(3))), cancellationToken);
    }

    public Task<long> NextCrlNumberAsync(string caName, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO crl_numbers (ca_name, last_number) VALUES (@ca, 1)
                ON CONFLICT (ca_name) DO UPDATE SET last_number = crl_numbers.last_number + 1
                RETURNING last_number
                """, transaction);
            command.AddParameter("ca", caName);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task SaveCrlAsync(StoredCrl crl, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command("""
                INSERT INTO crls (ca_name, number, base_number, this_update, next_update, der)
                VALUES (@ca, @number, @base, @this, @next, @der)
                """, transaction);
            command.AddParameter("ca", crl.CaName).AddParameter("number", crl.Number).AddParameter("base", crl.BaseNumber)
                .AddParameter("this", crl.ThisUpdate.ToUnixTimeMilliseconds()).AddParameter("next", crl.NextUpdate.ToUnixTimeMilliseconds())
                .AddParameter("der", crl.Der);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);

    public async Task<StoredCrl?> LatestCrlAsync(string caName, bool delta, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT ca_name, number, base_number, this_update, next_update, der FROM crls
            WHERE ca_name = @ca AND base_number IS {(delta ? "NOT NULL" : "NULL")} ORDER BY number DESC LIMIT 1
            """);
        command.AddParameter("ca", caName);
        var found = await ReadAllAsync(command, r => new StoredCrl(
            r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), FromUnix(r.GetInt64(3)), FromUnix(r.GetInt64(4)), (byte[])r.GetValue(5)),
            cancellationToken);
        return found.FirstOrDefault();
    }

    private static async Task<bool> ExistsAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, string serial, CancellationToken ct)
    {
        await using var command = connection.Command("SELECT COUNT(*) FROM certificates WHERE serial = @serial", transaction);
        command.AddParameter("serial", serial);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}

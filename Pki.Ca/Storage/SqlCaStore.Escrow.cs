using Pki.Ca.Escrow;
using Platform.Auditing;
using Platform.Keys;
using Platform.Storage;
using System.Data.Common;

namespace Pki.Ca.Storage;

/// <summary>Escrowed encryption keys and their recoveries, in the CA's database.</summary>
internal sealed partial class SqlCaStore : IKeyEscrowStore
{
    private const string EscrowColumns =
        "serial, signing_serial, request_id, department, algorithm, sealed_key, envelope_format, envelope, escrowed_at";

    private const string RecoveryColumns =
        "id, serial, department, reason, recipient, recipient_serial, opened_by, opened_by_name, opened_at, expires_at, status, "
        + "approved_by_name, approved_at, envelope_format, envelope";

    public Task<EscrowedKey?> GetEscrowedKeyAsync(string serial, CancellationToken cancellationToken) =>
        EscrowedKeyWhereAsync("serial = @value", serial, cancellationToken);

    public Task<EscrowedKey?> GetEscrowedKeyOfRequestAsync(string requestId, CancellationToken cancellationToken) =>
        EscrowedKeyWhereAsync("request_id = @value", requestId, cancellationToken);

    public Task AddRecoveryAsync(KeyRecovery recovery, AuditEvent opened, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                $"""
                INSERT INTO key_recoveries ({RecoveryColumns}, approved_by)
                VALUES (@id, @serial, @department, @reason, @recipient, @recipientSerial, @by, @byName, @at, @expires, @status, NULL, NULL, NULL, NULL, NULL)
                """, transaction);
            command.AddParameter("id", recovery.Id).AddParameter("serial", recovery.Serial).AddParameter("department", recovery.Department)
                .AddParameter("reason", recovery.Reason).AddParameter("recipient", recovery.Recipient).AddParameter("recipientSerial", recovery.RecipientSerial)
                .AddParameter("by", recovery.OpenedBy).AddParameter("byName", recovery.OpenedByName)
                .AddParameter("at", recovery.OpenedAt.ToUnixTimeMilliseconds()).AddParameter("expires", recovery.ExpiresAt.ToUnixTimeMilliseconds())
                .AddParameter("status", KeyRecoveryStatus.Pending.Name());
            await command.ExecuteNonQueryAsync(ct);
            return new Audited<bool>(true, opened);
        }, cancellationToken);

    public async Task<KeyRecovery?> GetRecoveryAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {RecoveryColumns} FROM key_recoveries WHERE id = @id");
        command.AddParameter("id", id);
        return (await ReadAllAsync(command, ReadRecovery, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<KeyRecovery>> ListRecoveriesAsync(RecoveryQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Departments is { } departments)
        {
            where.Add(InDepartments(command, departments));
        }

        PageConditions(command, where, query.Status?.Name(), query.Now, query.Before, "opened_at");
        command.CommandText = $"SELECT {RecoveryColumns} FROM key_recoveries"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + $" ORDER BY opened_at DESC, id DESC LIMIT {query.Limit}";
        return await ReadAllAsync(command, ReadRecovery, cancellationToken);
    }

    public Task<bool> ReleaseAsync(
        string id, string officer, string officerName, EnvelopedKey envelope, AuditEvent approved, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            // One conditional update decides: of two approvals racing, on one node or two, one finds the recovery pending.
            await using var command = connection.Command(
                """
                UPDATE key_recoveries SET status = @released, approved_by = @officer, approved_by_name = @name, approved_at = @now,
                    envelope_format = @format, envelope = @envelope
                WHERE id = @id AND status = @pending AND expires_at > @now AND opened_by <> @officer
                """, transaction);
            command.AddParameter("released", KeyRecoveryStatus.Released.Name()).AddParameter("officer", officer).AddParameter("name", officerName)
                .AddParameter("now", now.ToUnixTimeMilliseconds()).AddParameter("format", envelope.Format).AddParameter("envelope", envelope.Der)
                .AddParameter("id", id).AddParameter("pending", KeyRecoveryStatus.Pending.Name());
            var released = await command.ExecuteNonQueryAsync(ct) == 1;
            return new Audited<bool>(released, released ? approved : null);
        }, cancellationToken);

    public Task CheckSealsAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        EscrowSeals.CheckAsync(current, next, cancellationToken);

    public Task<int> ResealAsync(SecretSealer current, SecretSealer next, CancellationToken cancellationToken) =>
        EscrowSeals.ResealAsync(current, next, cancellationToken);

    private SealedColumn EscrowSeals => new(database, "CA escrowed encryption keys", "escrowed_keys", "serial", "sealed_key",
        EncryptionCertificateIssuer.SealPurpose, serial => $"The escrowed key of certificate {serial} (CA database, escrowed_keys)");

    /// <summary>Writes a dual pair's encryption certificate and its escrowed key, in the transaction of the approval that issues the pair.</summary>
    private static async Task InsertEscrowedPairAsync(DbConnection connection, DbTransaction transaction, EscrowedPair pair, CancellationToken cancellationToken)
    {
        await InsertCertificateAsync(connection, transaction, pair.Certificate.Record, cancellationToken);
        var key = pair.Key;
        await using var command = connection.Command(
            $"INSERT INTO escrowed_keys ({EscrowColumns}) VALUES (@serial, @signing, @request, @department, @algorithm, @sealed, @format, @envelope, @at)", transaction);
        command.AddParameter("serial", key.Serial).AddParameter("signing", key.SigningSerial).AddParameter("request", key.RequestId)
            .AddParameter("department", key.Department).AddParameter("algorithm", key.Algorithm).AddParameter("sealed", key.SealedKey)
            .AddParameter("format", key.EnvelopeFormat).AddParameter("envelope", key.Envelope).AddParameter("at", key.EscrowedAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<EscrowedKey?> EscrowedKeyWhereAsync(string condition, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {EscrowColumns} FROM escrowed_keys WHERE {condition}");
        command.AddParameter("value", value);
        return (await ReadAllAsync(command, ReadEscrowedKey, cancellationToken)).FirstOrDefault();
    }

    internal static EscrowedKey ReadEscrowedKey(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), (byte[])r.GetValue(5), r.GetString(6), (byte[])r.GetValue(7),
        FromUnix(r.GetInt64(8)));

    private static KeyRecovery ReadRecovery(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), (byte[])r.GetValue(4), r.GetString(5), r.GetString(6), r.GetString(7),
        FromUnix(r.GetInt64(8)), FromUnix(r.GetInt64(9)), Enum.Parse<KeyRecoveryStatus>(r.GetString(10), ignoreCase: true),
        r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : FromUnix(r.GetInt64(12)), r.IsDBNull(13) ? null : r.GetString(13),
        r.IsDBNull(14) ? null : (byte[])r.GetValue(14));
}

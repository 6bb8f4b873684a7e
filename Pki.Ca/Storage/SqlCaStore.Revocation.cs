using Platform.Auditing;
using Platform.Storage;
using Pki.Ca.Revocation;
using System.Data.Common;

namespace Pki.Ca.Storage;

internal sealed partial class SqlCaStore
{
    /// <summary>How long other nodes can still read a change; one that has been away longer has restarted.</summary>
    private static readonly TimeSpan ChangeRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Published CRLs kept per CA and kind (full, delta): only the newest of each is served, and
    /// each can be rebuilt from the revocations, which are never deleted.
    /// </summary>
    private const int KeptCrls = 20;

    /// <summary>The newest committed change's sequence, also once it has been pruned (0 before the first).</summary>
    private const string LastSequenceSql = "SELECT COALESCE((SELECT last_sequence FROM change_counter WHERE name = 'revocation'), 0)";

    /// <summary>Marks this node's changes, so that it can skip them when it reads the changes back.</summary>
    private readonly string origin = Guid.NewGuid().ToString("N");

    public Task<RevocationWrite> RevokeAsync(
        string serialNumber, string reason, DateTimeOffset revokedAt, DateTimeOffset? invalidityDate, AuditEvent revoked,
        CancellationToken cancellationToken = default) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await LockChangeCounterAsync(connection, transaction, ct);
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
                await AppendRevocationChangeAsync(connection, transaction, serialNumber, ct);
                return new Audited<RevocationWrite>(RevocationWrite.Done, revoked);
            }

            return new Audited<RevocationWrite>(
                await ExistsAsync(connection, transaction, serialNumber, ct) ? RevocationWrite.AlreadyRevoked : RevocationWrite.NotFound, null);
        }, cancellationToken);

    public Task<RevocationWrite> ReleaseHoldAsync(string serialNumber, AuditEvent released, CancellationToken cancellationToken = default) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await LockChangeCounterAsync(connection, transaction, ct);
            await using var update = connection.Command("""
                UPDATE certificates SET revoked_at = NULL, revocation_reason = NULL, invalidity_date = NULL
                WHERE serial = @serial AND revocation_reason = @hold
                """, transaction);
            update.AddParameter("serial", serialNumber).AddParameter("hold", RevocationReasons.CertificateHold);
            if (await update.ExecuteNonQueryAsync(ct) == 1)
            {
                await AppendRevocationChangeAsync(connection, transaction, serialNumber, ct);
                return new Audited<RevocationWrite>(RevocationWrite.Done, released);
            }

            return new Audited<RevocationWrite>(
                await ExistsAsync(connection, transaction, serialNumber, ct) ? RevocationWrite.NotOnHold : RevocationWrite.NotFound, null);
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
            await LockChangeCounterAsync(connection, transaction, ct);
            await using var command = connection.Command("""
                INSERT INTO crl_numbers (ca_name, last_number) VALUES (@ca, 1)
                ON CONFLICT (ca_name) DO UPDATE SET last_number = crl_numbers.last_number + 1
                RETURNING last_number
                """, transaction);
            command.AddParameter("ca", caName);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    public Task SaveCrlsAsync(IReadOnlyList<StoredCrl> crls, CancellationToken cancellationToken = default) =>
        database.WriteAsync((connection, transaction, ct) => WriteCrlsAsync(connection, transaction, crls, ct), cancellationToken);

    public Task ImportCrlsAsync(IReadOnlyList<StoredCrl> crls, AuditEvent imported, CancellationToken cancellationToken = default) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
            new Audited<int>(await WriteCrlsAsync(connection, transaction, crls, ct), imported), cancellationToken);

    private async Task<int> WriteCrlsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<StoredCrl> crls, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var crl in crls)
        {
            await using var command = connection.Command("""
                INSERT INTO crls (ca_name, number, base_number, this_update, next_update, der, covers_change)
                VALUES (@ca, @number, @base, @this, @next, @der, @covers)
                """, transaction);
            command.AddParameter("ca", crl.CaName).AddParameter("number", crl.Number).AddParameter("base", crl.BaseNumber)
                .AddParameter("this", crl.ThisUpdate.ToUnixTimeMilliseconds()).AddParameter("next", crl.NextUpdate.ToUnixTimeMilliseconds())
                .AddParameter("der", crl.Der).AddParameter("covers", crl.CoversChange);
            await command.ExecuteNonQueryAsync(ct);

            await AppendChangeAsync(connection, transaction, $"SELECT @sequence, @origin, @ca, NULL, @number, @at", ct, c => c
                .AddParameter("ca", crl.CaName).AddParameter("number", crl.Number).AddParameter("at", now.ToUnixTimeMilliseconds()));
        }

        foreach (var caName in crls.Select(c => c.CaName).Distinct(StringComparer.Ordinal))
        {
            await using var prune = connection.Command("""
                DELETE FROM crls WHERE ca_name = @ca AND base_number IS NULL
                    AND number NOT IN (SELECT number FROM crls WHERE ca_name = @ca AND base_number IS NULL ORDER BY number DESC LIMIT @kept);
                DELETE FROM crls WHERE ca_name = @ca AND base_number IS NOT NULL
                    AND number NOT IN (SELECT number FROM crls WHERE ca_name = @ca AND base_number IS NOT NULL ORDER BY number DESC LIMIT @kept);
                """, transaction);
            prune.AddParameter("ca", caName).AddParameter("kept", KeptCrls);
            await prune.ExecuteNonQueryAsync(ct);
        }

        // Old changes go, except those after the newest full CRL of any CA: the next delta CRL
        // lists what changed since that base, however long its validity.
        await using var pruneChanges = connection.Command($"""
            DELETE FROM revocation_changes WHERE changed_at < @cutoff AND sequence <= COALESCE(
                (SELECT MIN(c.covers_change) FROM crls c WHERE c.base_number IS NULL
                    AND c.number = (SELECT MAX(n.number) FROM crls n WHERE n.ca_name = c.ca_name AND n.base_number IS NULL)),
                ({LastSequenceSql}))
            """, transaction);
        pruneChanges.AddParameter("cutoff", (now - ChangeRetention).ToUnixTimeMilliseconds());
        return await pruneChanges.ExecuteNonQueryAsync(ct);
    }

    public async Task<(long Full, long Delta)> LatestCrlNumbersAsync(string caName, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            SELECT COALESCE(MAX(CASE WHEN base_number IS NULL THEN number END), 0), COALESCE(MAX(CASE WHEN base_number IS NOT NULL THEN number END), 0)
            FROM crls WHERE ca_name = @ca
            """);
        command.AddParameter("ca", caName);
        return (await ReadAllAsync(command, r => (r.GetInt64(0), r.GetInt64(1)), cancellationToken))[0];
    }

    public async Task<StoredCrl?> LatestCrlAsync(string caName, bool delta, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"""
            SELECT ca_name, number, base_number, this_update, next_update, der, covers_change FROM crls
            WHERE ca_name = @ca AND base_number IS {(delta ? "NOT NULL" : "NULL")} ORDER BY number DESC LIMIT 1
            """);
        command.AddParameter("ca", caName);
        var found = await ReadAllAsync(command, r => new StoredCrl(
            r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2), FromUnix(r.GetInt64(3)), FromUnix(r.GetInt64(4)), (byte[])r.GetValue(5),
            r.GetInt64(6)),
            cancellationToken);
        return found.FirstOrDefault();
    }

    public async Task<IReadOnlyList<RevocationChange>> ChangesAfterAsync(long sequence, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT sequence, origin, ca_name, serial, crl_number FROM revocation_changes WHERE sequence > @after ORDER BY sequence LIMIT @limit");
        command.AddParameter("after", sequence).AddParameter("limit", limit);
        return await ReadAllAsync(command, r => new RevocationChange(
            r.GetInt64(0), r.GetString(1) == origin, r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetInt64(4)),
            cancellationToken);
    }

    // The counter's committed value, not MAX(sequence): it stays put when old changes are pruned.
    public Task<long> LastChangeAsync(CancellationToken cancellationToken = default) =>
        ScalarAsync(LastSequenceSql, null, cancellationToken);

    public Task<long> LastRevocationChangeAsync(string caName, CancellationToken cancellationToken = default) =>
        ScalarAsync("SELECT COALESCE(MAX(sequence), 0) FROM revocation_changes WHERE ca_name = @ca AND serial IS NOT NULL", caName, cancellationToken);

    public IChangeListener ListenForChanges() => database.ListenForChanges();

    public async Task<ChangedRevocations> ChangedRevocationsAsync(string caName, long after, long? through, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (through is null)
        {
            // Every change up to the counter's committed value is committed too (the counter row
            // is locked until commit), so reading up to it sees a whole prefix of the log.
            await using var last = connection.Command(LastSequenceSql);
            through = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var command = connection.Command($"""
            SELECT c.serial, c.revoked_at, c.revocation_reason, c.invalidity_date
            FROM certificates c
            WHERE c.serial IN (SELECT serial FROM revocation_changes
                               WHERE ca_name = @ca AND serial IS NOT NULL AND sequence > @after AND sequence <= @through);
            SELECT COALESCE((SELECT MIN(sequence) FROM revocation_changes), ({LastSequenceSql}) + 1);
            """);
        command.AddParameter("ca", caName).AddParameter("after", after).AddParameter("through", through.Value);
        var certificates = new List<(string, RevokedEntry?)>();
        long oldestKept;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = reader.IsDBNull(1) ? null : new RevokedEntry(
                    reader.GetString(0), FromUnix(reader.GetInt64(1)), reader.GetString(2), reader.IsDBNull(3) ? null : FromUnix(reader.GetInt64(3)));
                certificates.Add((reader.GetString(0), entry));
            }

            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            oldestKept = reader.GetInt64(0);
        }

        // Sequences have no gaps: the range is whole if nothing after `after` has been pruned.
        return new ChangedRevocations(Math.Max(after, through.Value), oldestKept <= after + 1, certificates);
    }

    private async Task<long> ScalarAsync(string sql, string? caName, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(sql);
        if (caName is not null)
        {
            command.AddParameter("ca", caName);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task AppendRevocationChangeAsync(DbConnection connection, DbTransaction transaction, string serial, CancellationToken ct) =>
        AppendChangeAsync(connection, transaction, "SELECT @sequence, @origin, ca_name, serial, NULL, @at FROM certificates WHERE serial = @serial", ct,
            c => c.AddParameter("serial", serial).AddParameter("at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    /// <summary>
    /// Takes the change counter's row lock before any certificate or CRL-number row: a batch of
    /// writes holds it to commit once it has appended a change, so taking it after another row's
    /// lock could deadlock two nodes' batches (the same certificate revoked on both, or a CRL
    /// number taken in one and a change appended in the other). First, it is always the same order.
    /// </summary>
    private static async Task LockChangeCounterAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = connection.Command(
            "UPDATE change_counter SET last_sequence = last_sequence WHERE name = 'revocation'", transaction);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records a change for the other nodes and signals them on commit. The counter row's update
    /// holds its lock until commit, so sequences become visible in order and a reader that has
    /// seen one change never later finds a smaller sequence appear.
    /// </summary>
    private async Task AppendChangeAsync(
        DbConnection connection, DbTransaction transaction, string select, CancellationToken ct, Action<DbCommand> parameters)
    {
        await using var next = connection.Command("""
            INSERT INTO change_counter (name, last_sequence) VALUES ('revocation', 1)
            ON CONFLICT (name) DO UPDATE SET last_sequence = change_counter.last_sequence + 1
            RETURNING last_sequence
            """, transaction);
        var sequence = Convert.ToInt64(await next.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);

        await using var insert = connection.Command(
            "INSERT INTO revocation_changes (sequence, origin, ca_name, serial, crl_number, changed_at) " + select, transaction);
        insert.AddParameter("sequence", sequence).AddParameter("origin", origin);
        parameters(insert);
        await insert.ExecuteNonQueryAsync(ct);
        await database.SignalChangeAsync(connection, transaction, ct);
    }

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string serial, CancellationToken ct)
    {
        await using var command = connection.Command("SELECT COUNT(*) FROM certificates WHERE serial = @serial", transaction);
        command.AddParameter("serial", serial);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }
}

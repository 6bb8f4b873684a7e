using Platform.Auditing;
using Platform.Storage;
using System.Data.Common;

namespace Pki.Ca.Storage;

/// <summary>The CA repository on SQLite or PostgreSQL. Every change is recorded through the module's audit outbox.</summary>
internal sealed partial class SqlCaStore(IModuleDatabase database, AuditOutbox outbox) : ICaStore, IRevocationStore
{
    private readonly ModuleSettings settings = new(database);

    /// <summary>The CA's database, for the stores beside this one (the sealed secrets <c>keys rewrap</c> re-seals).</summary>
    internal IModuleDatabase Database => database;

    private const string CaColumns = "name, key_id, certificate, parent, created_at, hierarchy, superseded_by";

    private const string CertificateColumns =
        "serial, ca_name, subject, profile, not_before, not_after, der, requested_by, issued_at, revoked_at, revocation_reason, invalidity_date";

    public async Task<IReadOnlyList<CaRecord>> ListCasAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CaColumns} FROM cas ORDER BY created_at, name");
        return await ReadAllAsync(command, ReadCa, cancellationToken);
    }

    public async Task<CaRecord?> GetCaAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CaColumns} FROM cas WHERE name = @name");
        command.AddParameter("name", name);
        return (await ReadAllAsync(command, ReadCa, cancellationToken)).FirstOrDefault();
    }

    public async Task<bool> TryAddCaAsync(CaRecord ca, AuditEvent created, CancellationToken cancellationToken = default)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await InsertCaAsync(connection, transaction, ca, ct);
                return new Audited<bool>(true, created);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<bool> TryAddSuccessorAsync(string predecessor, CaRecord successor, AuditEvent rolledOver, CancellationToken cancellationToken = default)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                // Only the current generation can be superseded, and only once: a second rollover of the same generation changes nothing.
                await using var update = connection.Command(
                    "UPDATE cas SET superseded_by = @successor WHERE name = @name AND superseded_by IS NULL", transaction);
                update.AddParameter("successor", successor.Name).AddParameter("name", predecessor);
                if (await update.ExecuteNonQueryAsync(ct) != 1)
                {
                    return new Audited<bool>(false, null);
                }

                await InsertCaAsync(connection, transaction, successor, ct);
                return new Audited<bool>(true, rolledOver);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    private static async Task InsertCaAsync(DbConnection connection, DbTransaction transaction, CaRecord ca, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "INSERT INTO cas (name, key_id, certificate, parent, created_at, hierarchy) VALUES (@name, @key, @cert, @parent, @created, @hierarchy)", transaction);
        command.AddParameter("name", ca.Name).AddParameter("key", ca.KeyId).AddParameter("cert", ca.Certificate)
            .AddParameter("parent", ca.Parent).AddParameter("created", ca.CreatedAt.ToUnixTimeMilliseconds()).AddParameter("hierarchy", ca.Hierarchy);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddCertificateAsync(CertificateRecord certificate, AuditEvent issued, CancellationToken cancellationToken = default)
    {
        try
        {
            await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await InsertCertificateAsync(connection, transaction, certificate, ct);
                return new Audited<bool>(true, issued);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw new DuplicateSerialException(certificate.SerialNumber, e);
        }
    }

    private static async Task InsertCertificateAsync(DbConnection connection, DbTransaction transaction, CertificateRecord certificate, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            $"INSERT INTO certificates ({CertificateColumns}) VALUES (@serial, @ca, @subject, @profile, @nb, @na, @der, @by, @at, @revokedAt, @reason, @invalidity)",
            transaction);
        command.AddParameter("serial", certificate.SerialNumber).AddParameter("ca", certificate.CaName)
            .AddParameter("subject", certificate.Subject).AddParameter("profile", certificate.Profile)
            .AddParameter("nb", certificate.NotBefore.ToUnixTimeMilliseconds()).AddParameter("na", certificate.NotAfter.ToUnixTimeMilliseconds())
            .AddParameter("der", certificate.Certificate).AddParameter("by", certificate.RequestedBy)
            .AddParameter("at", certificate.IssuedAt.ToUnixTimeMilliseconds())
            .AddParameter("revokedAt", certificate.RevokedAt?.ToUnixTimeMilliseconds()).AddParameter("reason", certificate.RevocationReason)
            .AddParameter("invalidity", certificate.InvalidityDate?.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CertificateRecord>> ListByProfileAsync(string profile, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CertificateColumns} FROM certificates WHERE profile = @profile ORDER BY issued_at, serial");
        command.AddParameter("profile", profile);
        return await ReadAllAsync(command, ReadCertificate, cancellationToken);
    }

    public async Task<CertificateRecord?> GetCertificateAsync(string serialNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {CertificateColumns} FROM certificates WHERE serial = @serial");
        command.AddParameter("serial", serialNumber);
        return (await ReadAllAsync(command, ReadCertificate, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<CertificateRecord>> SearchAsync(CertificateQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (!string.IsNullOrEmpty(query.SubjectContains))
        {
            // LIKE is case-insensitive for ASCII in SQLite; PostgreSQL needs lower() on both sides.
            conditions.Add("lower(subject) LIKE @subject ESCAPE '\\'");
            command.AddParameter("subject", "%" + EscapeLike(query.SubjectContains.ToLowerInvariant()) + "%");
        }

        if (!string.IsNullOrEmpty(query.SerialPrefix))
        {
            conditions.Add("serial LIKE @serialPrefix ESCAPE '\\'");
            command.AddParameter("serialPrefix", EscapeLike(query.SerialPrefix) + "%");
        }

        if (!string.IsNullOrEmpty(query.Ca))
        {
            conditions.Add("ca_name = @ca");
            command.AddParameter("ca", query.Ca);
        }

        if (!string.IsNullOrEmpty(query.Profile))
        {
            conditions.Add("profile = @profile");
            command.AddParameter("profile", query.Profile);
        }

        if (!string.IsNullOrEmpty(query.Department))
        {
            // A department's certificates are those its approved requests issued (the registration authority's table).
            conditions.Add("serial IN (SELECT serial FROM certificate_requests WHERE department = @department AND serial IS NOT NULL)");
            command.AddParameter("department", query.Department);
        }

        var now = query.Now.ToUnixTimeMilliseconds();
        switch (query.Status)
        {
            case CertificateStatus.Valid:
                conditions.Add("revoked_at IS NULL AND not_after > @now");
                break;
            case CertificateStatus.Expired:
                conditions.Add("revoked_at IS NULL AND not_after <= @now");
                break;
            case CertificateStatus.Revoked:
                conditions.Add("revoked_at IS NOT NULL");
                break;
        }

        command.AddParameter("now", now);
        if (query.Before is { } before)
        {
            conditions.Add("(issued_at < @beforeAt OR (issued_at = @beforeAt AND serial < @beforeSerial))");
            command.AddParameter("beforeAt", before.IssuedAt).AddParameter("beforeSerial", before.Serial);
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {CertificateColumns} FROM certificates {where} ORDER BY issued_at DESC, serial DESC LIMIT @limit";
        command.AddParameter("limit", Math.Clamp(query.Limit, 1, 1000));
        return await ReadAllAsync(command, ReadCertificate, cancellationToken);
    }

    public Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken = default) =>
        settings.GetAsync(name, cancellationToken);

    public Task SetSettingAsync(string name, string value, CancellationToken cancellationToken = default) =>
        settings.SetAsync(name, value, cancellationToken);

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    internal static async Task<List<T>> ReadAllAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var results = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(read(reader));
        }

        return results;
    }

    private static CaRecord ReadCa(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), r.IsDBNull(3) ? null : r.GetString(3), FromUnix(r.GetInt64(4)),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6));

    private static CertificateRecord ReadCertificate(DbDataReader r) => new()
    {
        SerialNumber = r.GetString(0),
        CaName = r.GetString(1),
        Subject = r.GetString(2),
        Profile = r.GetString(3),
        NotBefore = FromUnix(r.GetInt64(4)),
        NotAfter = FromUnix(r.GetInt64(5)),
        Certificate = (byte[])r.GetValue(6),
        RequestedBy = r.GetString(7),
        IssuedAt = FromUnix(r.GetInt64(8)),
        RevokedAt = r.IsDBNull(9) ? null : FromUnix(r.GetInt64(9)),
        RevocationReason = r.IsDBNull(10) ? null : r.GetString(10),
        InvalidityDate = r.IsDBNull(11) ? null : FromUnix(r.GetInt64(11)),
    };

    internal static DateTimeOffset FromUnix(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}

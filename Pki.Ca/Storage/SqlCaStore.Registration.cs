using Pki.Ca.Issuance;
using Pki.Ca.Registration;
using Platform.Auditing;
using Platform.Storage;
using System.Data.Common;
using System.Text.Json;

namespace Pki.Ca.Storage;

/// <summary>The registration authority's departments and requests, in the CA's database.</summary>
internal sealed partial class SqlCaStore : IRegistrationStore
{
    private const string DepartmentColumns =
        "name, display_name, organization, dns_suffixes, email_domains, profiles, max_certificates, created_at, updated_at";

    private const string SecretColumns =
        "id, department, profile, subject, secret_sha256, created_by, created_at, expires_at, used_at, serial";

    private const string RequestColumns =
        "id, department, profile, csr, subject, requester, requester_name, status, created_at, expires_at, closed_at, closed_by, comment, serial, encryption_certificate";

    public async Task<bool> TryAddDepartmentAsync(Department department, AuditEvent created, CancellationToken cancellationToken)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await using var command = connection.Command(
                    $"INSERT INTO departments ({DepartmentColumns}) VALUES (@name, @display, @org, @dns, @email, @profiles, @max, @created, @updated)", transaction);
                await ExecuteAsync(DepartmentParameters(command, department), ct);
                return new Audited<bool>(true, created);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public Task<bool> TryUpdateDepartmentAsync(Department department, AuditEvent updated, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                """
                UPDATE departments SET display_name = @display, organization = @org, dns_suffixes = @dns, email_domains = @email,
                    profiles = @profiles, max_certificates = @max, updated_at = @updated WHERE name = @name
                """, transaction);
            var changed = await ExecuteAsync(DepartmentParameters(command, department), ct) == 1;
            return new Audited<bool>(changed, changed ? updated : null);
        }, cancellationToken);

    public async Task<Department?> GetDepartmentAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {DepartmentColumns} FROM departments WHERE name = @name");
        command.AddParameter("name", name);
        return (await ReadAllAsync(command, ReadDepartment, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {DepartmentColumns} FROM departments ORDER BY name");
        return await ReadAllAsync(command, ReadDepartment, cancellationToken);
    }

    public async Task<IReadOnlyList<Department>> ListDepartmentsAsync(string? search, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var conditions = new List<string>();
        if (after is not null)
        {
            conditions.Add("name > @after");
            command.AddParameter("after", after);
        }

        if (!string.IsNullOrEmpty(search))
        {
            conditions.Add("(lower(name) LIKE @search ESCAPE '\\' OR lower(display_name) LIKE @search ESCAPE '\\')");
            command.AddParameter("search", "%" + EscapeLike(search.ToLowerInvariant()) + "%");
        }

        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"SELECT {DepartmentColumns} FROM departments {where} ORDER BY name LIMIT @limit";
        command.AddParameter("limit", limit);
        return await ReadAllAsync(command, ReadDepartment, cancellationToken);
    }

    public Task<bool> TryAddRequestAsync(CertificateRequest request, int? quota, AuditEvent submitted, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await LockDepartmentAsync(connection, transaction, request.Department, ct);

            if (quota is { } max && await CountHeldAsync(connection, transaction, request.Department, request.CreatedAt, ct) >= max)
            {
                return new Audited<bool>(false, null);
            }

            await using var command = connection.Command(
                $"""
                INSERT INTO certificate_requests ({RequestColumns}, csr_sha256)
                VALUES (@id, @department, @profile, @csr, @subject, @requester, @requesterName, @status, @created, @expires, NULL, NULL, NULL, NULL, @encryption, @csrSha256)
                """, transaction);
            command.AddParameter("id", request.Id).AddParameter("department", request.Department).AddParameter("profile", request.Profile)
                .AddParameter("csr", request.Csr).AddParameter("subject", request.Subject).AddParameter("requester", request.Requester)
                .AddParameter("requesterName", request.RequesterName).AddParameter("status", CertificateRequestStatus.Pending.Name())
                .AddParameter("created", request.CreatedAt.ToUnixTimeMilliseconds()).AddParameter("expires", request.ExpiresAt.ToUnixTimeMilliseconds())
                .AddParameter("encryption", request.EncryptionCertificate ? 1L : 0L).AddParameter("csrSha256", CsrFingerprint.Of(request.Csr));
            await command.ExecuteNonQueryAsync(ct);
            return new Audited<bool>(true, submitted);
        }, cancellationToken);

    public async Task<CertificateRequest?> GetRequestAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {RequestColumns} FROM certificate_requests WHERE id = @id");
        command.AddParameter("id", id);
        var found = (await ReadAllAsync(command, ReadRequest, cancellationToken)).FirstOrDefault();
        return found is null ? null : found with { Approvals = await ApprovalsAsync(connection, null, id, cancellationToken) };
    }

    public async Task<CertificateRequest?> FindRequestAsync(string department, string requester, string csrSha256, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT {RequestColumns} FROM certificate_requests WHERE department = @department AND requester = @requester AND csr_sha256 = @hash
            ORDER BY created_at DESC, id DESC LIMIT 1
            """);
        command.AddParameter("department", department).AddParameter("requester", requester).AddParameter("hash", csrSha256);
        var found = (await ReadAllAsync(command, ReadRequest, cancellationToken)).FirstOrDefault();
        return found is null ? null : found with { Approvals = await ApprovalsAsync(connection, null, found.Id, cancellationToken) };
    }

    public async Task<IReadOnlyList<CertificateRequest>> ListRequestsAsync(RequestQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.Departments is { } departments)
        {
            var mine = "";
            if (query.Requester is not null)
            {
                mine = " OR requester = @requester";
                command.AddParameter("requester", query.Requester);
            }

            where.Add($"({InDepartments(command, departments)}{mine})");
        }

        if (query.Department is not null)
        {
            where.Add("department = @department");
            command.AddParameter("department", query.Department);
        }

        PageConditions(command, where, query.Status?.Name(), query.Now, query.Before, "created_at");
        command.CommandText = $"SELECT {RequestColumns} FROM certificate_requests"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + $" ORDER BY created_at DESC, id DESC LIMIT {query.Limit}";
        var page = await ReadAllAsync(command, ReadRequest, cancellationToken);
        var withApprovals = new List<CertificateRequest>(page.Count);
        foreach (var request in page)
        {
            withApprovals.Add(request with { Approvals = await ApprovalsAsync(connection, null, request.Id, cancellationToken) });
        }

        return withApprovals;
    }

    public Task<ApprovalOutcome> ApproveAsync(
        string id, RequestApproval approval, int required, SignedCertificate? certificate, Func<int, AuditEvent> approved, DateTimeOffset now,
        Escrow.EscrowedPair? encryption, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (!await LockPendingAsync(connection, transaction, id, now, ct))
            {
                return new Audited<ApprovalOutcome>(ApprovalOutcome.Closed, null);
            }

            var approvals = await ApprovalsAsync(connection, transaction, id, ct);
            if (approvals.Any(a => a.Officer == approval.Officer))
            {
                return new Audited<ApprovalOutcome>(ApprovalOutcome.Repeated, null);
            }

            var completes = approvals.Count + 1 >= required;
            if (completes && certificate is null)
            {
                return new Audited<ApprovalOutcome>(ApprovalOutcome.CertificateNeeded, null);
            }

            await using (var insert = connection.Command(
                "INSERT INTO request_approvals (request_id, officer, officer_name, comment, approved_at) VALUES (@id, @officer, @name, @comment, @at)", transaction))
            {
                insert.AddParameter("id", id).AddParameter("officer", approval.Officer).AddParameter("name", approval.OfficerName)
                    .AddParameter("comment", approval.Comment).AddParameter("at", approval.ApprovedAt.ToUnixTimeMilliseconds());
                await insert.ExecuteNonQueryAsync(ct);
            }

            if (!completes)
            {
                return new Audited<ApprovalOutcome>(ApprovalOutcome.Recorded, approved(approvals.Count + 1));
            }

            await InsertCertificateAsync(connection, transaction, certificate!.Record, ct);
            if (encryption is not null)
            {
                await InsertEscrowedPairAsync(connection, transaction, encryption, ct);
            }

            await CloseAsync(connection, transaction, id, CertificateRequestStatus.Issued, approval.OfficerName, approval.Comment, certificate.Record.SerialNumber, now, ct);
            return new Audited<ApprovalOutcome>(ApprovalOutcome.Issued, approved(approvals.Count + 1))
            {
                Also = encryption is null ? [certificate.Event] : [certificate.Event, encryption.Certificate.Event, encryption.Escrowed],
            };
        }, cancellationToken);

    public Task AddEnrollmentSecretAsync(EnrollmentSecret secret, AuditEvent created, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                $"INSERT INTO enrollment_secrets ({SecretColumns}) VALUES (@id, @department, @profile, @subject, @hash, @by, @created, @expires, NULL, NULL)", transaction);
            command.AddParameter("id", secret.Id).AddParameter("department", secret.Department).AddParameter("profile", secret.Profile)
                .AddParameter("subject", secret.Subject).AddParameter("hash", secret.SecretSha256).AddParameter("by", secret.CreatedBy)
                .AddParameter("created", secret.CreatedAt.ToUnixTimeMilliseconds()).AddParameter("expires", secret.ExpiresAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(ct);
            return new Audited<bool>(true, created);
        }, cancellationToken);

    public async Task<(EnrollmentSecret Secret, Department Department)?> GetEnrollmentSecretAsync(string id, CancellationToken cancellationToken)
    {
        // One statement for both: an enrollment is a hot path, and every connection opened costs its pragmas.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"""
            SELECT {Prefixed("d", DepartmentColumns)}, {Prefixed("s", SecretColumns)}
            FROM enrollment_secrets s JOIN departments d ON d.name = s.department WHERE s.id = @id
            """);
        command.AddParameter("id", id);
        var found = await ReadAllAsync(command, r => (Secret: new EnrollmentSecret(
            r.GetString(9), r.GetString(10), r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12), r.GetString(13), r.GetString(14),
            FromUnix(r.GetInt64(15)), FromUnix(r.GetInt64(16)), r.IsDBNull(17) ? null : FromUnix(r.GetInt64(17)), r.IsDBNull(18) ? null : r.GetString(18)),
            Department: ReadDepartment(r)), cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static string Prefixed(string table, string columns) => string.Join(", ", columns.Split(", ").Select(c => $"{table}.{c}"));

    public Task<EnrollmentOutcome> EnrollAsync(
        EnrollmentSecret secret, int? quota, SignedCertificate certificate, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            // Only a quota needs enrollments of the department counted one after the other.
            if (quota is { } max)
            {
                await LockDepartmentAsync(connection, transaction, secret.Department, ct);
                if (await CountHeldAsync(connection, transaction, secret.Department, now, ct) >= max)
                {
                    return new Audited<EnrollmentOutcome>(EnrollmentOutcome.QuotaExceeded, null);
                }
            }

            // Spent first (which locks it), so a second use waits and then finds it spent before anything is written.
            await using (var spend = connection.Command(
                "UPDATE enrollment_secrets SET used_at = @now WHERE id = @id AND used_at IS NULL AND expires_at > @now", transaction))
            {
                spend.AddParameter("now", now.ToUnixTimeMilliseconds()).AddParameter("id", secret.Id);
                if (await spend.ExecuteNonQueryAsync(ct) != 1)
                {
                    return new Audited<EnrollmentOutcome>(EnrollmentOutcome.SecretSpent, null);
                }
            }

            await InsertCertificateAsync(connection, transaction, certificate.Record, ct);
            await using (var name = connection.Command("UPDATE enrollment_secrets SET serial = @serial WHERE id = @id", transaction))
            {
                name.AddParameter("serial", certificate.Record.SerialNumber).AddParameter("id", secret.Id);
                await name.ExecuteNonQueryAsync(ct);
            }

            return new Audited<EnrollmentOutcome>(EnrollmentOutcome.Issued, certificate.Event);
        }, cancellationToken);

    public Task<bool> RejectAsync(string id, string officerName, string? comment, AuditEvent rejected, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (!await LockPendingAsync(connection, transaction, id, now, ct))
            {
                return new Audited<bool>(false, null);
            }

            await CloseAsync(connection, transaction, id, CertificateRequestStatus.Rejected, officerName, comment, serial: null, now, ct);
            return new Audited<bool>(true, rejected);
        }, cancellationToken);

    /// <summary>
    /// Writes the request's row if it is pending and unexpired (a no-op update that takes its lock,
    /// so the approvals read next cannot change under this transaction); false when it is not.
    /// </summary>
    private static async Task<bool> LockPendingAsync(DbConnection connection, DbTransaction transaction, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "UPDATE certificate_requests SET status = status WHERE id = @id AND status = 'pending' AND expires_at > @now", transaction);
        command.AddParameter("id", id).AddParameter("now", now.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task CloseAsync(
        DbConnection connection, DbTransaction transaction, string id, CertificateRequestStatus status, string by, string? comment, string? serial,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "UPDATE certificate_requests SET status = @status, closed_at = @at, closed_by = @by, comment = @comment, serial = @serial WHERE id = @id", transaction);
        command.AddParameter("status", status.Name()).AddParameter("at", now.ToUnixTimeMilliseconds()).AddParameter("by", by)
            .AddParameter("comment", comment).AddParameter("serial", serial).AddParameter("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The condition that a row's department is one of <paramref name="departments"/> (never, when there are none).</summary>
    private static string InDepartments(DbCommand command, IEnumerable<string> departments)
    {
        var names = new List<string>();
        foreach (var department in departments)
        {
            names.Add($"@d{names.Count}");
            command.AddParameter(names[^1][1..], department);
        }

        return names.Count == 0 ? "1 = 0" : $"department IN ({string.Join(", ", names)})";
    }

    /// <summary>
    /// The conditions of a newest-first page of requests or recoveries: the status as their
    /// <c>StatusAt</c> reads it (expired is pending past its time), and the rows after the cursor.
    /// </summary>
    private static void PageConditions(DbCommand command, List<string> where, string? status, DateTimeOffset now, (long At, string Id)? before, string timeColumn)
    {
        switch (status)
        {
            case "pending":
                where.Add("status = 'pending' AND expires_at > @now");
                break;
            case "expired":
                where.Add("status = 'pending' AND expires_at <= @now");
                break;
            case { } stored:
                where.Add("status = @status");
                command.AddParameter("status", stored);
                break;
        }

        command.AddParameter("now", now.ToUnixTimeMilliseconds());
        if (before is var (at, id))
        {
            where.Add($"({timeColumn} < @beforeAt OR ({timeColumn} = @beforeAt AND id < @beforeId))");
            command.AddParameter("beforeAt", at).AddParameter("beforeId", id);
        }
    }

    /// <summary>Writes the department's row first, so two issuances for it count one after the other.</summary>
    private static async Task LockDepartmentAsync(DbConnection connection, DbTransaction transaction, string department, CancellationToken cancellationToken)
    {
        await using var touch = connection.Command("UPDATE departments SET updated_at = updated_at WHERE name = @name", transaction);
        touch.AddParameter("name", department);
        await touch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The department's valid certificates issued through requests or enrollment secrets, and its requests still open.</summary>
    private static async Task<long> CountHeldAsync(DbConnection connection, DbTransaction transaction, string department, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            """
            SELECT (SELECT COUNT(*) FROM certificate_requests r LEFT JOIN certificates c ON c.serial = r.serial
                    WHERE r.department = @department AND (
                        (r.status = 'pending' AND r.expires_at > @now)
                        OR (r.status = 'issued' AND c.revoked_at IS NULL AND c.not_after > @now)))
                 + (SELECT COUNT(*) FROM enrollment_secrets s JOIN certificates c ON c.serial = s.serial
                    WHERE s.department = @department AND c.revoked_at IS NULL AND c.not_after > @now)
                 + (SELECT COUNT(*) FROM acme_orders o JOIN certificates c ON c.serial = o.serial
                    WHERE o.department = @department AND c.revoked_at IS NULL AND c.not_after > @now)
            """, transaction);
        command.AddParameter("department", department).AddParameter("now", now.ToUnixTimeMilliseconds());
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<RequestApproval>> ApprovalsAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(
            "SELECT officer, officer_name, comment, approved_at FROM request_approvals WHERE request_id = @id ORDER BY approved_at, officer", transaction);
        command.AddParameter("id", id);
        return await ReadAllAsync(command, r => new RequestApproval(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), FromUnix(r.GetInt64(3))),
            cancellationToken);
    }

    private static DbCommand DepartmentParameters(DbCommand command, Department department) => command
        .AddParameter("name", department.Name).AddParameter("display", department.DisplayName).AddParameter("org", department.Organization)
        .AddParameter("dns", Json(department.DnsSuffixes)).AddParameter("email", Json(department.EmailDomains))
        .AddParameter("profiles", Json(department.Profiles)).AddParameter("max", department.MaxCertificates)
        .AddParameter("created", department.CreatedAt.ToUnixTimeMilliseconds()).AddParameter("updated", department.UpdatedAt.ToUnixTimeMilliseconds());

    private static async Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken) => await command.ExecuteNonQueryAsync(cancellationToken);

    private static Department ReadDepartment(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Strings(r.GetString(3)), Strings(r.GetString(4)), Strings(r.GetString(5)),
        r.IsDBNull(6) ? null : Convert.ToInt32(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture), FromUnix(r.GetInt64(7)), FromUnix(r.GetInt64(8)));

    private static CertificateRequest ReadRequest(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), ParseStatus(r.GetString(7)),
        FromUnix(r.GetInt64(8)), FromUnix(r.GetInt64(9)), r.IsDBNull(10) ? null : FromUnix(r.GetInt64(10)), r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : r.GetString(12), r.IsDBNull(13) ? null : r.GetString(13), [])
    {
        EncryptionCertificate = Convert.ToInt64(r.GetValue(14), System.Globalization.CultureInfo.InvariantCulture) != 0,
    };

    private static CertificateRequestStatus ParseStatus(string stored) => Enum.Parse<CertificateRequestStatus>(stored, ignoreCase: true);

    private static string Json(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, RegistrationStorageJson.Default.IReadOnlyListString);

    private static IReadOnlyList<string> Strings(string json) => JsonSerializer.Deserialize(json, RegistrationStorageJson.Default.IReadOnlyListString) ?? [];
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class RegistrationStorageJson : System.Text.Json.Serialization.JsonSerializerContext;

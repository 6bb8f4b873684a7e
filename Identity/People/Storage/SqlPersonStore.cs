using System.Data.Common;
using Platform.Auditing;
using Platform.Storage;

namespace Identity.People.Storage;

/// <summary>The directory on SQLite or PostgreSQL; every change goes through the module's audit outbox.</summary>
internal sealed partial class SqlPersonStore(IModuleDatabase database, AuditOutbox outbox) : IPersonStore
{
    private const string Columns =
        "login, display_name, department, roles, disabled, password_hash, totp_secret, totp_pending, totp_last_step, failed_attempts, locked_until, created_at, updated_at";

    public async Task<bool> CreateAsync(StoredPerson person, AuditEvent created, CancellationToken cancellationToken = default)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await using var command = connection.Command(
                    $"INSERT INTO people ({Columns}) VALUES (@login, @name, @department, @roles, @disabled, @hash, @secret, @pending, @step, @failed, @locked, @created, @updated)",
                    transaction);
                Bind(command, person).AddParameter("created", person.CreatedAt.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(ct);
                return new Audited<bool>(true, created);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<StoredPerson?> GetAsync(string login, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, login, forUpdate: false, cancellationToken);
    }

    public async Task<StoredPerson?> FindByCertificateAsync(string serialNumber, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT login FROM person_certificates WHERE serial = @serial");
        command.AddParameter("serial", serialNumber);
        return await command.ExecuteScalarAsync(cancellationToken) is string login
            ? await ReadAsync(connection, null, login, forUpdate: false, cancellationToken)
            : null;
    }

    public async Task<(bool Found, T Result)> UpdateAsync<T>(string login, Func<StoredPerson, PersonChange<T>> decide, CancellationToken cancellationToken = default) =>
        await outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (await ReadAsync(connection, transaction, login, forUpdate: true, ct) is not { } current)
            {
                return new Audited<(bool, T)>((false, default!), null);
            }

            var change = decide(current);
            if (change.Updated is { } updated)
            {
                await using var command = connection.Command(
                    """
                    UPDATE people SET display_name = @name, department = @department, roles = @roles, disabled = @disabled, password_hash = @hash,
                        totp_secret = @secret, totp_pending = @pending, totp_last_step = @step, failed_attempts = @failed, locked_until = @locked,
                        updated_at = @updated
                    WHERE login = @login
                    """, transaction);
                Bind(command, updated with { Login = login });
                await command.ExecuteNonQueryAsync(ct);
            }

            return new Audited<(bool, T)>((true, change.Result), change.Event);
        }, cancellationToken);

    public Task<CertificateBinding> BindCertificateAsync(string login, string serialNumber, DateTimeOffset now, AuditEvent bound, CancellationToken cancellationToken = default) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            if (await ReadAsync(connection, transaction, login, forUpdate: true, ct) is null)
            {
                return new Audited<CertificateBinding>(CertificateBinding.PersonUnknown, null);
            }

            await using (var holder = connection.Command("SELECT login FROM person_certificates WHERE serial = @serial", transaction))
            {
                holder.AddParameter("serial", serialNumber);
                if (await holder.ExecuteScalarAsync(ct) is string current)
                {
                    return new Audited<CertificateBinding>(
                        string.Equals(current, login, StringComparison.Ordinal) ? CertificateBinding.AlreadyBound : CertificateBinding.BoundElsewhere, null);
                }
            }

            // The primary key keeps one person per certificate even against another node binding it at the same moment.
            await using var insert = connection.Command("INSERT INTO person_certificates (serial, login, bound_at) VALUES (@serial, @login, @at)", transaction);
            insert.AddParameter("serial", serialNumber).AddParameter("login", login).AddParameter("at", now.ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync(ct);
            return new Audited<CertificateBinding>(CertificateBinding.Bound, bound);
        }, cancellationToken);

    private static DbCommand Bind(DbCommand command, StoredPerson person) => command
        .AddParameter("login", person.Login)
        .AddParameter("name", person.DisplayName)
        .AddParameter("department", person.Department)
        .AddParameter("roles", string.Join(' ', person.Roles))
        .AddParameter("disabled", person.Disabled ? 1L : 0L)
        .AddParameter("hash", person.PasswordHash)
        .AddParameter("secret", person.TotpSecret)
        .AddParameter("pending", person.TotpPending)
        .AddParameter("step", person.TotpLastStep)
        .AddParameter("failed", (long)person.FailedAttempts)
        .AddParameter("locked", person.LockedUntil?.ToUnixTimeMilliseconds())
        .AddParameter("updated", person.UpdatedAt.ToUnixTimeMilliseconds());
}

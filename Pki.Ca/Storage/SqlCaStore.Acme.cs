using Pki.Ca.Acme;
using Pki.Ca.Issuance;
using Platform.Auditing;
using Platform.Storage;
using System.Data.Common;
using System.Text.Json;

namespace Pki.Ca.Storage;

/// <summary>The ACME server's accounts, orders and binding keys, in the CA's database.</summary>
internal sealed partial class SqlCaStore : IAcmeStore
{
    private const string AccountColumns = "id, thumbprint, jwk, contact, status, department, external_key, created_at";
    private const string OrderColumns = "id, account_id, department, profile, identifiers, expires_at, not_before, not_after, serial, replaces, created_at";
    private const string AuthorizationColumns =
        "id, order_id, account_id, identifier, wildcard, status, expires_at, token, challenge_type, validated_at, error";

    public Task AddExternalKeyAsync(ExternalAccountKey key, AuditEvent created, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                """
                INSERT INTO acme_external_keys (id, department, mac_key, created_by, created_at, expires_at, account_id)
                VALUES (@id, @department, @key, @by, @created, @expires, NULL)
                """, transaction);
            command.AddParameter("id", key.Id).AddParameter("department", key.Department).AddParameter("key", key.SealedMacKey)
                .AddParameter("by", key.CreatedBy).AddParameter("created", key.CreatedAt.ToUnixTimeMilliseconds())
                .AddParameter("expires", key.ExpiresAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(ct);
            return new Audited<bool>(true, created);
        }, cancellationToken);

    public async Task<ExternalAccountKey?> GetExternalKeyAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, department, mac_key, created_by, created_at, expires_at, account_id FROM acme_external_keys WHERE id = @id");
        command.AddParameter("id", id);
        return (await ReadAllAsync(command, r => new ExternalAccountKey(r.GetString(0), r.GetString(1), (byte[])r.GetValue(2), r.GetString(3),
            FromUnix(r.GetInt64(4)), FromUnix(r.GetInt64(5)), r.IsDBNull(6) ? null : r.GetString(6)), cancellationToken)).FirstOrDefault();
    }

    public async Task<string?> TryAddAccountAsync(AcmeAccount account, AuditEvent created, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                if (account.ExternalKeyId is { } keyId)
                {
                    await using var spend = connection.Command(
                        "UPDATE acme_external_keys SET account_id = @account WHERE id = @id AND account_id IS NULL AND expires_at > @now", transaction);
                    spend.AddParameter("account", account.Id).AddParameter("id", keyId).AddParameter("now", now.ToUnixTimeMilliseconds());
                    if (await spend.ExecuteNonQueryAsync(ct) != 1)
                    {
                        return new Audited<string?>("", null);
                    }
                }

                await using var command = connection.Command(
                    $"INSERT INTO acme_accounts ({AccountColumns}) VALUES (@id, @thumbprint, @jwk, @contact, @status, @department, @key, @created)", transaction);
                await AccountParameters(command, account).ExecuteNonQueryAsync(ct);
                return new Audited<string?>(null, created);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request registered the same key first: that account is the answer.
            return (await FindAccountAsync(account.Thumbprint, cancellationToken))?.Id ?? "";
        }
    }

    public Task<AcmeAccount?> GetAccountAsync(string id, CancellationToken cancellationToken) => AccountWhereAsync("id", id, cancellationToken);

    public Task<AcmeAccount?> FindAccountAsync(string thumbprint, CancellationToken cancellationToken) => AccountWhereAsync("thumbprint", thumbprint, cancellationToken);

    public Task<bool> UpdateAccountAsync(AcmeAccount account, AuditEvent updated, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "UPDATE acme_accounts SET contact = @contact, status = @status WHERE id = @id AND status = 'valid'", transaction);
            var changed = await AccountParameters(command, account).ExecuteNonQueryAsync(ct) == 1;
            return new Audited<bool>(changed, changed ? updated : null);
        }, cancellationToken);

    public async Task<string?> TryChangeKeyAsync(AcmeAccount account, string oldThumbprint, AuditEvent changed, CancellationToken cancellationToken)
    {
        try
        {
            return await outbox.WriteAsync(database, async (connection, transaction, ct) =>
            {
                await using var command = connection.Command(
                    "UPDATE acme_accounts SET thumbprint = @thumbprint, jwk = @jwk WHERE id = @id AND thumbprint = @old AND status = 'valid'", transaction);
                AccountParameters(command, account).AddParameter("old", oldThumbprint);
                return await command.ExecuteNonQueryAsync(ct) == 1 ? new Audited<string?>(null, changed) : new Audited<string?>("", null);
            }, cancellationToken);
        }
        catch (DbException e) when (DbErrors.IsUniqueViolation(e))
        {
            return (await FindAccountAsync(account.Thumbprint, cancellationToken))?.Id ?? "";
        }
    }

    public Task AddOrderAsync(AcmeOrder order, AuditEvent created, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using (var command = connection.Command(
                $"INSERT INTO acme_orders ({OrderColumns}) VALUES (@id, @account, @department, @profile, @identifiers, @expires, @nb, @na, NULL, @replaces, @created)",
                transaction))
            {
                command.AddParameter("id", order.Id).AddParameter("account", order.AccountId).AddParameter("department", order.Department)
                    .AddParameter("profile", order.Profile).AddParameter("identifiers", JsonSerializer.Serialize(order.Identifiers, AcmeStorageJson.Default.IReadOnlyListString))
                    .AddParameter("expires", order.ExpiresAt.ToUnixTimeMilliseconds()).AddParameter("nb", order.NotBefore?.ToUnixTimeMilliseconds())
                    .AddParameter("na", order.NotAfter?.ToUnixTimeMilliseconds()).AddParameter("replaces", order.Replaces)
                    .AddParameter("created", order.CreatedAt.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync(ct);
            }

            foreach (var authorization in order.Authorizations)
            {
                await using var command = connection.Command(
                    $"""
                    INSERT INTO acme_authorizations ({AuthorizationColumns})
                    VALUES (@id, @order, @account, @identifier, @wildcard, @status, @expires, @token, NULL, NULL, NULL)
                    """, transaction);
                command.AddParameter("id", authorization.Id).AddParameter("order", order.Id).AddParameter("account", order.AccountId)
                    .AddParameter("identifier", authorization.Identifier).AddParameter("wildcard", authorization.Wildcard)
                    .AddParameter("status", authorization.Status).AddParameter("expires", authorization.ExpiresAt.ToUnixTimeMilliseconds())
                    .AddParameter("token", authorization.Token);
                await command.ExecuteNonQueryAsync(ct);
            }

            return new Audited<bool>(true, created);
        }, cancellationToken);

    public Task<AcmeOrder?> GetOrderAsync(string id, CancellationToken cancellationToken) => OrderWhereAsync("id", id, cancellationToken);

    public Task<AcmeOrder?> FindOrderBySerialAsync(string serial, CancellationToken cancellationToken) => OrderWhereAsync("serial", serial, cancellationToken);

    public async Task<bool> IsReplacedAsync(string certificateId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT id FROM acme_orders WHERE replaces = @replaces");
        command.AddParameter("replaces", certificateId);
        foreach (var id in await ReadAllAsync(command, r => r.GetString(0), cancellationToken))
        {
            if (await GetOrderAsync(id, cancellationToken) is { } order && order.StatusAt(now) != "invalid")
            {
                return true;
            }
        }

        return false;
    }

    public async Task<IReadOnlyList<string>> ListOrdersAsync(string accountId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var after = cursor is null ? "" : "AND (created_at, id) < (SELECT created_at, id FROM acme_orders WHERE id = @cursor)";
        await using var command = connection.Command(
            $"SELECT id FROM acme_orders WHERE account_id = @account {after} ORDER BY created_at DESC, id DESC LIMIT @limit");
        command.AddParameter("account", accountId).AddParameter("cursor", cursor).AddParameter("limit", limit);
        return await ReadAllAsync(command, r => r.GetString(0), cancellationToken);
    }

    public async Task<AcmeAuthorization?> GetAuthorizationAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {AuthorizationColumns} FROM acme_authorizations WHERE id = @id");
        command.AddParameter("id", id);
        return (await ReadAllAsync(command, ReadAuthorization, cancellationToken)).FirstOrDefault();
    }

    public Task<bool> CompleteChallengeAsync(
        string authorizationId, string challengeType, string status, string? error, AuditEvent validated, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                """
                UPDATE acme_authorizations SET status = @status, challenge_type = @type, validated_at = @now, error = @error
                WHERE id = @id AND status = 'pending' AND expires_at > @now
                """, transaction);
            command.AddParameter("status", status).AddParameter("type", challengeType).AddParameter("now", now.ToUnixTimeMilliseconds())
                .AddParameter("error", error).AddParameter("id", authorizationId);
            var changed = await command.ExecuteNonQueryAsync(ct) == 1;
            return new Audited<bool>(changed, changed ? validated : null);
        }, cancellationToken);

    public Task<bool> DeactivateAuthorizationAsync(string authorizationId, AuditEvent deactivated, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "UPDATE acme_authorizations SET status = 'deactivated' WHERE id = @id AND status IN ('pending', 'valid')", transaction);
            command.AddParameter("id", authorizationId);
            var changed = await command.ExecuteNonQueryAsync(ct) == 1;
            return new Audited<bool>(changed, changed ? deactivated : null);
        }, cancellationToken);

    public Task<FinalizeOutcome> FinalizeAsync(AcmeOrder order, int? quota, SignedCertificate certificate, DateTimeOffset now, CancellationToken cancellationToken) =>
        outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            // A no-op write takes the order's row, so a second finalize waits here and then finds it taken.
            await using (var take = connection.Command("UPDATE acme_orders SET serial = serial WHERE id = @id AND serial IS NULL", transaction))
            {
                take.AddParameter("id", order.Id);
                if (await take.ExecuteNonQueryAsync(ct) != 1)
                {
                    return new Audited<FinalizeOutcome>(FinalizeOutcome.AlreadyFinalized, null);
                }
            }

            if (order.Department is { } department)
            {
                await LockDepartmentAsync(connection, transaction, department, ct);
                if (quota is { } max && await CountHeldAsync(connection, transaction, department, now, ct) >= max)
                {
                    return new Audited<FinalizeOutcome>(FinalizeOutcome.QuotaExceeded, null);
                }
            }

            await InsertCertificateAsync(connection, transaction, certificate.Record, ct);
            await using var command = connection.Command("UPDATE acme_orders SET serial = @serial WHERE id = @id", transaction);
            command.AddParameter("serial", certificate.Record.SerialNumber).AddParameter("id", order.Id);
            await command.ExecuteNonQueryAsync(ct);
            return new Audited<FinalizeOutcome>(FinalizeOutcome.Issued, certificate.Event);
        }, cancellationToken);

    private async Task<AcmeAccount?> AccountWhereAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {AccountColumns} FROM acme_accounts WHERE {column} = @value");
        command.AddParameter("value", value);
        return (await ReadAllAsync(command, r => new AcmeAccount(r.GetString(0), r.GetString(1), r.GetString(2),
            JsonSerializer.Deserialize(r.GetString(3), AcmeStorageJson.Default.IReadOnlyListString) ?? [], r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), FromUnix(r.GetInt64(7))), cancellationToken)).FirstOrDefault();
    }

    private async Task<AcmeOrder?> OrderWhereAsync(string column, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        AcmeOrder? order;
        await using (var command = connection.Command($"SELECT {OrderColumns} FROM acme_orders WHERE {column} = @value"))
        {
            command.AddParameter("value", value);
            order = (await ReadAllAsync(command, r => new AcmeOrder(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                JsonSerializer.Deserialize(r.GetString(4), AcmeStorageJson.Default.IReadOnlyListString) ?? [], FromUnix(r.GetInt64(5)),
                r.IsDBNull(6) ? null : FromUnix(r.GetInt64(6)), r.IsDBNull(7) ? null : FromUnix(r.GetInt64(7)), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9), FromUnix(r.GetInt64(10)), []), cancellationToken)).FirstOrDefault();
        }

        if (order is null)
        {
            return null;
        }

        await using var authorizations = connection.Command($"SELECT {AuthorizationColumns} FROM acme_authorizations WHERE order_id = @order ORDER BY identifier, wildcard");
        authorizations.AddParameter("order", order.Id);
        return order with { Authorizations = await ReadAllAsync(authorizations, ReadAuthorization, cancellationToken) };
    }

    private static AcmeAuthorization ReadAuthorization(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), Convert.ToBoolean(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
        r.GetString(5), FromUnix(r.GetInt64(6)), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : FromUnix(r.GetInt64(9)),
        r.IsDBNull(10) ? null : r.GetString(10));

    private static DbCommand AccountParameters(DbCommand command, AcmeAccount account) => command
        .AddParameter("id", account.Id).AddParameter("thumbprint", account.Thumbprint).AddParameter("jwk", account.Key)
        .AddParameter("contact", JsonSerializer.Serialize(account.Contact, AcmeStorageJson.Default.IReadOnlyListString))
        .AddParameter("status", account.Status).AddParameter("department", account.Department).AddParameter("key", account.ExternalKeyId)
        .AddParameter("created", account.CreatedAt.ToUnixTimeMilliseconds());
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class AcmeStorageJson : System.Text.Json.Serialization.JsonSerializerContext;

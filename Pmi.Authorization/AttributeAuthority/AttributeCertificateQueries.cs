using System.Data.Common;
using System.Security.Cryptography;
using Platform.Storage;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Reads stored attribute certificates and delegations for officers and administrators: one by its
/// serial or id, or pages in key order filtered by holder (delegate) and status. Paging is by key
/// (<c>after</c>), so a page costs an index range, however many there are.
/// </summary>
internal sealed class AttributeCertificateQueries(IModuleDatabase database, TimeProvider time)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 500;

    /// <summary>The statuses a listing can be filtered by.</summary>
    public static readonly string[] Statuses = ["valid", "revoked", "expired"];

    /// <summary>One attribute certificate, or null.</summary>
    public async Task<AttributeCertificateRecord?> GetCertificateAsync(string serial, CancellationToken cancellationToken) =>
        (await CertificatesAsync("serial = @key", serial, null, null, 1, cancellationToken)).FirstOrDefault();

    /// <summary>A page of attribute certificates after <paramref name="after"/>, optionally of one holder and one status.</summary>
    public Task<List<AttributeCertificateRecord>> ListCertificatesAsync(
        string? holder, string? status, string? after, int limit, CancellationToken cancellationToken) =>
        CertificatesAsync(holder is null ? null : "holder_serial = @key", holder, status, after, limit, cancellationToken);

    /// <summary>One delegation, or null.</summary>
    public async Task<DelegationResponse?> GetDelegationAsync(string id, CancellationToken cancellationToken) =>
        (await DelegationsAsync("id = @key", id, null, null, 1, cancellationToken)).FirstOrDefault();

    /// <summary>A page of delegations after <paramref name="after"/>, optionally of one delegate and one status.</summary>
    public Task<List<DelegationResponse>> ListDelegationsAsync(
        string? delegateSerial, string? status, string? after, int limit, CancellationToken cancellationToken) =>
        DelegationsAsync(delegateSerial is null ? null : "delegate_serial = @key", delegateSerial, status, after, limit, cancellationToken);

    private async Task<List<AttributeCertificateRecord>> CertificatesAsync(
        string? filter, string? key, string? status, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // filter and the status condition are constants of this class, never input.
        await using var command = connection.Command(
            "SELECT serial, holder_serial, roles, department, clearance, not_before, not_after, revoked_at, der FROM attribute_certificates"
            + Where(filter, status, after, "serial") + " ORDER BY serial LIMIT @limit");
        Bind(command, key, status, after, limit);
        var now = time.GetUtcNow();
        var found = new List<AttributeCertificateRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var notAfter = StoredTime.Read(reader.GetValue(6));
            DateTimeOffset? revokedAt = reader.IsDBNull(7) ? null : StoredTime.Read(reader.GetValue(7));
            found.Add(new AttributeCertificateRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), StatusOf(revokedAt, notAfter, now),
                StoredTime.Read(reader.GetValue(5)), notAfter, revokedAt, PemEncoding.WriteString("ATTRIBUTE CERTIFICATE", (byte[])reader.GetValue(8)) + "\n"));
        }

        return found;
    }

    private async Task<List<DelegationResponse>> DelegationsAsync(
        string? filter, string? key, string? status, string? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            $"SELECT {DelegationRegistry.Columns} FROM delegations" + Where(filter, status, after, "id") + " ORDER BY id LIMIT @limit");
        Bind(command, key, status, after, limit);
        var found = new List<DelegationResponse>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var d = DelegationRegistry.Read(reader);
            found.Add(new DelegationResponse(d.Id, d.DelegateSerial, d.Roles, d.Departments,
                d.MaxClearance is { } c ? Rfc5755Attributes.Classes[c] : null, d.MaxDepth, d.ParentId, d.NotBefore, d.NotAfter, d.RevokedAt));
        }

        return found;
    }

    private static string Where(string? filter, string? status, string? after, string keyColumn)
    {
        var conditions = new List<string>();
        if (filter is not null)
        {
            conditions.Add(filter);
        }

        if (after is not null)
        {
            conditions.Add(keyColumn + " > @after");
        }

        switch (status)
        {
            case "valid":
                conditions.Add("revoked_at IS NULL AND not_after > @now");
                break;
            case "revoked":
                conditions.Add("revoked_at IS NOT NULL");
                break;
            case "expired":
                conditions.Add("revoked_at IS NULL AND not_after <= @now");
                break;
        }

        return conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
    }

    private void Bind(DbCommand command, string? key, string? status, string? after, int limit)
    {
        if (key is not null)
        {
            command.AddParameter("key", key);
        }

        if (after is not null)
        {
            command.AddParameter("after", after);
        }

        if (status is "valid" or "expired")
        {
            command.AddParameter("now", time.GetUtcNow());
        }

        command.AddParameter("limit", limit);
    }

    /// <summary>The status of an attribute certificate or delegation at <paramref name="now"/>.</summary>
    public static string StatusOf(DateTimeOffset? revokedAt, DateTimeOffset notAfter, DateTimeOffset now) =>
        revokedAt is not null ? "revoked" : notAfter <= now ? "expired" : "valid";
}

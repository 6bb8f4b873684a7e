using Platform.Authorization;
using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Platform.Auditing;
using Platform.Certificates;
using Platform.Http;
using Platform.Storage;
using Pmi.Authorization.Decisions;

namespace Pmi.Authorization.AttributeAuthority;

/// <summary>
/// Delegations of the right to grant privileges (X.509 PMI delegation, ITU-T X.509 §15/§16): the attribute
/// authority delegates roles, departments and a highest clearance to a sub-authority with a depth limit; the
/// sub-authority may grant within all three bounds and delegate them further, narrower or equal in each, within
/// the limit. A delegation counts only while it and every delegation above it are within validity and
/// unrevoked and each delegate's own certificate is good, so revoking one (or its delegate's certificate)
/// stops every grant made under it from then on.
/// </summary>
internal sealed class DelegationRegistry(
    IModuleDatabase database, IPlatformCertificateIssuer ca, IAuditTrail audit, AuditOutbox outbox, TimeProvider time, IOptions<AttributeAuthorityOptions> options,
    ICertificateStatusSource statuses, DecisionInputsVersion? inputs = null)
{
    /// <summary>Deep enough for any real organisation chart, small enough to bound the chain walk.</summary>
    public const int MaxDepthLimit = 8;

    private const int MaxRoles = 16;

    /// <summary>The delegations <paramref name="serial"/> may act under now: their whole chain is valid, unrevoked, and held by good certificates.</summary>
    public async Task<IReadOnlyList<Delegation>> ActiveForAsync(string serial, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var active = new List<Delegation>();
        foreach (var delegation in await ReadAsync(connection, "delegate_serial", Normalize(serial), cancellationToken))
        {
            if (await ChainActiveAsync(connection, delegation, now, statuses, cancellationToken))
            {
                active.Add(delegation);
            }
        }

        return active;
    }

    /// <summary>
    /// Null when one of <paramref name="grantor"/>'s active delegations covers the whole grant (every role,
    /// its department and its clearance), else the refusal naming the first bound no delegation covers.
    /// </summary>
    public async Task<AttributeIssueOutcome?> CheckGrantAsync(
        string grantor, IReadOnlyList<string> roles, string? department, string? clearance, CancellationToken cancellationToken)
    {
        var active = await ActiveForAsync(grantor, cancellationToken);
        var departments = department is null ? [] : new[] { department };
        var exceeded = DelegationScope.Exceeded(active, roles, departments, clearance is null ? null : Array.IndexOf(Rfc5755Attributes.Classes, clearance));
        return exceeded is null
            ? null
            : AttributeIssueOutcome.Refused(ProblemCodes.DelegationScopeExceeded, "The caller's delegations do not cover " + exceeded + ".");
    }

    /// <summary>Delegates; <paramref name="grantor"/> is null when the attribute authority (an administrator) delegates.</summary>
    public async Task<DelegationOutcome> DelegateAsync(DelegationRequest request, string? grantor, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var delegateSerial = Normalize(request.DelegateSerial ?? "");
        var (problem, parent) = await CheckAsync(request, delegateSerial, grantor, limits, cancellationToken);
        if (problem is not null)
        {
            await RecordAsync(auditEvent with
            {
                Outcome = AuditOutcome.Failure,
                Details = new Dictionary<string, string> { ["code"] = problem.Code!.Value, ["grantor"] = grantor ?? "authority" },
            }, cancellationToken);
            return problem;
        }

        var now = time.GetUtcNow();
        var notBefore = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, TimeSpan.Zero);
        var notAfter = notBefore.AddDays(request.ValidDays ?? limits.DefaultValidityDays);
        // A delegate cannot hand on more time than it holds.
        notAfter = parent is not null && parent.NotAfter < notAfter ? parent.NotAfter : notAfter;
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var roles = request.Roles!.Distinct(StringComparer.Ordinal).ToList();
        var departments = (request.Departments ?? []).Distinct(StringComparer.Ordinal).ToList();
        await outbox.WriteAsync(database, async (connection, transaction, ct) =>
        {
            await using var insert = connection.Command(
                "INSERT INTO delegations (id, delegate_serial, roles, departments, max_clearance, max_depth, parent_id, not_before, not_after, created_at) VALUES (@id, @delegate, @roles, @departments, @clearance, @depth, @parent, @nb, @na, @created)",
                transaction);
            insert.AddParameter("id", id).AddParameter("delegate", delegateSerial).AddParameter("roles", string.Join(",", roles))
                .AddParameter("departments", string.Join(",", departments)).AddParameter("clearance", request.MaxClearance)
                .AddParameter("depth", request.MaxDepth ?? 0).AddParameter("parent", parent?.Id).AddParameter("nb", notBefore)
                .AddParameter("na", notAfter).AddParameter("created", now);
            await insert.ExecuteNonQueryAsync(ct);
            return new Audited<int>(0, auditEvent with
            {
                Outcome = AuditOutcome.Success,
                Target = id,
                Details = new Dictionary<string, string>
                {
                    ["delegate"] = delegateSerial,
                    ["roles"] = string.Join(",", roles),
                    ["departments"] = string.Join(",", departments),
                    ["maxClearance"] = request.MaxClearance ?? "",
                    ["maxDepth"] = (request.MaxDepth ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["grantor"] = grantor ?? "authority",
                    ["parent"] = parent?.Id ?? "",
                },
            });
        }, cancellationToken);
        // Decisions read attribute certificates, not delegations; still, nothing decided before a
        // change of who may grant what is reused after it.
        inputs?.Moved();
        return new DelegationOutcome(new DelegationResponse(id, delegateSerial, roles, departments, request.MaxClearance, request.MaxDepth ?? 0, parent?.Id, notBefore, notAfter, null),
            null, null);
    }

    /// <summary>
    /// Revokes; returns when it was revoked (the earlier time, with <c>Already</c>, if it already was),
    /// or a null time for an unknown id.
    /// </summary>
    public async Task<(DateTimeOffset? RevokedAt, bool Already)> RevokeAsync(string id, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var already = false;
        var revokedAt = await outbox.WriteAsync<DateTimeOffset?>(database, async (connection, transaction, ct) =>
        {
            already = false;
            await using var update = connection.Command("UPDATE delegations SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL", transaction);
            update.AddParameter("now", now).AddParameter("id", id);
            if (await update.ExecuteNonQueryAsync(ct) == 0)
            {
                await using var existing = connection.Command("SELECT revoked_at FROM delegations WHERE id = @id", transaction);
                existing.AddParameter("id", id);
                var value = await existing.ExecuteScalarAsync(ct);
                already = value is not null and not DBNull;
                return new Audited<DateTimeOffset?>(already ? StoredTime.Read(value!) : null, null);
            }

            return new Audited<DateTimeOffset?>(now, auditEvent with { Outcome = AuditOutcome.Success, Target = id });
        }, cancellationToken);
        if (revokedAt is not null && !already)
        {
            inputs?.Moved();
        }

        return (revokedAt, already);
    }

    private async Task<(DelegationOutcome? Problem, Delegation? Parent)> CheckAsync(
        DelegationRequest request, string delegateSerial, string? grantor, AttributeAuthorityOptions limits, CancellationToken cancellationToken)
    {
        if (delegateSerial.Length is 0 or > 40 || !delegateSerial.All(char.IsAsciiHexDigit))
        {
            return (DelegationOutcome.Refused(ProblemCodes.DelegateInvalid, "delegateSerial is the hexadecimal serial number of a certificate the platform issued."), null);
        }

        if (request.Roles is not { Count: > 0 and <= MaxRoles } || !request.Roles.All(EntityNames.IsValid))
        {
            return (DelegationOutcome.Refused(ProblemCodes.RolesInvalid, $"roles holds 1 to {MaxRoles} names of letters, digits, '.', '_' and '-', at most 64 characters each."), null);
        }

        if (request.Departments is { Count: > MaxRoles } || (request.Departments is not null && !request.Departments.All(EntityNames.IsValid)))
        {
            return (DelegationOutcome.Refused(ProblemCodes.DepartmentsInvalid, $"departments holds at most {MaxRoles} names of letters, digits, '.', '_' and '-', at most 64 characters each."), null);
        }

        if (request.MaxClearance is not null && !Rfc5755Attributes.Classes.Contains(request.MaxClearance))
        {
            return (DelegationOutcome.Refused(ProblemCodes.ClearanceInvalid, "maxClearance is one of " + string.Join(", ", Rfc5755Attributes.Classes) + "."), null);
        }

        if (request.MaxDepth is < 0 or > MaxDepthLimit)
        {
            return (DelegationOutcome.Refused(ProblemCodes.DepthInvalid, $"maxDepth is between 0 and {MaxDepthLimit}."), null);
        }

        if (request.ValidDays is < 1 || request.ValidDays > limits.MaxValidityDays)
        {
            return (DelegationOutcome.Refused(ProblemCodes.ValidityInvalid, $"validDays is between 1 and {limits.MaxValidityDays}."), null);
        }

        Delegation? parent = null;
        if (grantor is not null)
        {
            var active = await ActiveForAsync(grantor, cancellationToken);
            // Narrower or equal in every bound: roles, departments and the highest clearance.
            var maxClearance = request.MaxClearance is null ? (int?)null : Array.IndexOf(Rfc5755Attributes.Classes, request.MaxClearance);
            var exceeded = DelegationScope.Exceeded(active, request.Roles, request.Departments ?? [], maxClearance);
            if (exceeded is not null)
            {
                return (DelegationOutcome.Refused(ProblemCodes.DelegationScopeExceeded,
                    "No delegation of the caller covers " + exceeded + "."), null);
            }

            var covering = DelegationScope.Covering(active, request.Roles, request.Departments ?? [], maxClearance);

            // The covering delegation that leaves the most room below it.
            parent = covering.MaxBy(d => d.MaxDepth)!;
            if (parent.MaxDepth < 1 || (request.MaxDepth ?? 0) > parent.MaxDepth - 1)
            {
                return (DelegationOutcome.Refused(ProblemCodes.DelegationDepthExceeded,
                    $"The caller may delegate {Math.Max(parent.MaxDepth, 0)} step(s) below itself, so maxDepth is at most {parent.MaxDepth - 1}" +
                    (parent.MaxDepth < 1 ? ", and it may not delegate at all." : ".")), null);
            }
        }

        if (await ca.FindCurrentAsync(delegateSerial, cancellationToken) is null)
        {
            return (DelegationOutcome.Refused(ProblemCodes.DelegateUnknown, $"No current certificate with serial number {delegateSerial} was issued by the platform."), null);
        }

        return (null, parent);
    }

    private static async Task<bool> ChainActiveAsync(
        DbConnection connection, Delegation delegation, DateTimeOffset now, ICertificateStatusSource statuses, CancellationToken cancellationToken)
    {
        var current = delegation;
        for (var step = 0; step <= MaxDepthLimit + 1; step++)
        {
            if (current.RevokedAt is not null || current.NotBefore > now || current.NotAfter <= now)
            {
                return false;
            }

            // A delegation dies with its delegate's certificate (revoked, on hold, expired), and lives again when a hold is lifted.
            await statuses.TrackAsync([current.DelegateSerial], cancellationToken);
            if (statuses.StatusOf(current.DelegateSerial) != CertificateHolderStatus.Good)
            {
                return false;
            }

            if (current.ParentId is null)
            {
                return true;
            }

            var parents = await ReadAsync(connection, "id", current.ParentId, cancellationToken);
            if (parents.Count == 0)
            {
                return false;
            }

            current = parents[0];
        }

        return false;
    }

    private static async Task<List<Delegation>> ReadAsync(DbConnection connection, string column, string value, CancellationToken cancellationToken)
    {
        // column is one of two constants above, never input.
        await using var command = connection.Command(
            $"SELECT {Columns} FROM delegations WHERE {column} = @value");
        command.AddParameter("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<Delegation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return found;
    }

    /// <summary>The columns <see cref="Read"/> reads, in its order.</summary>
    internal const string Columns = "id, delegate_serial, roles, max_depth, parent_id, not_before, not_after, revoked_at, departments, max_clearance";

    /// <summary>One delegation from a row of <see cref="Columns"/>.</summary>
    internal static Delegation Read(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2).Split(',', StringSplitOptions.RemoveEmptyEntries),
        Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), reader.IsDBNull(4) ? null : reader.GetString(4),
        StoredTime.Read(reader.GetValue(5)), StoredTime.Read(reader.GetValue(6)), reader.IsDBNull(7) ? null : StoredTime.Read(reader.GetValue(7)))
    {
        Departments = reader.GetString(8).Split(',', StringSplitOptions.RemoveEmptyEntries),
        MaxClearance = reader.IsDBNull(9) ? null : Array.IndexOf(Rfc5755Attributes.Classes, reader.GetString(9)),
    };

    private static string Normalize(string serial) => serial.Trim().ToLowerInvariant().TrimStart('0');

    private async Task RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordAsync(auditEvent, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new AuditUnavailableException(e);
        }
    }
}

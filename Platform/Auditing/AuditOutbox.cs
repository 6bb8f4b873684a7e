using Microsoft.Extensions.Logging;
using Platform.Storage;
using System.Data.Common;
using System.Globalization;
using System.Text.Json;

namespace Platform.Auditing;

/// <summary>
/// The one way a module records an action that changes its database (a transactional outbox).
/// The write stages its audit event in the same transaction as the change, so the event commits
/// with the change or not at all, however often the group committer retries the write. After the
/// commit the event is appended to the trail, and only then does the caller hear back; if the
/// trail cannot take it, the caller is refused (fail closed) and the event waits in the outbox.
/// Events left there by a crash or an unavailable trail are delivered by
/// <see cref="AuditOutboxDrainer"/>; the trail records an event id once, so a repeated delivery
/// cannot record an action twice.
/// </summary>
public sealed partial class AuditOutbox(IAuditTrail trail, TimeProvider time, ILogger<AuditOutbox> logger)
{
    /// <summary>The outbox table, one in every module database (the platform creates it before the module's migrations).</summary>
    public const string CreateTableSql =
        "CREATE TABLE IF NOT EXISTS audit_outbox (id TEXT PRIMARY KEY, event TEXT NOT NULL, staged_at BIGINT NOT NULL)";

    /// <summary>The detail a late delivery adds: when the change it records was committed.</summary>
    public const string CommittedAtDetail = "committedAt";

    private const int DrainBatch = 256;

    /// <summary>
    /// Runs <paramref name="work"/> as a durable write of <paramref name="database"/> (see
    /// <see cref="IModuleDatabase.WriteAsync{T}"/>), stages the event it returns in the same
    /// transaction, and returns once that event is durable in the trail too. Throws
    /// <see cref="AuditUnavailableException"/> when the change committed but the trail could not
    /// record it yet: the change stands and its event follows, but the caller must not be told it succeeded.
    /// </summary>
    public async Task<T> WriteAsync<T>(
        IModuleDatabase database, Func<DbConnection, DbTransaction, CancellationToken, Task<Audited<T>>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(work);
        List<AuditEvent> staged = [];
        var result = await database.WriteAsync(async (connection, transaction, ct) =>
        {
            // A retried write runs again from the start: only the attempt that commits counts.
            staged = [];
            var outcome = await work(connection, transaction, ct);
            foreach (var auditEvent in outcome.Event is { } first ? [first, .. outcome.Also] : outcome.Also)
            {
                var keyed = auditEvent with { Id = auditEvent.Id ?? Guid.NewGuid().ToString("N") };
                await InsertAsync(connection, transaction, keyed, ct);
                staged.Add(keyed);
            }

            return outcome.Result;
        }, cancellationToken);

        // Committed: deliver even when the caller has gone, so the events are not left waiting.
        foreach (var auditEvent in staged)
        {
            await trail.RecordAsync(auditEvent, CancellationToken.None);
        }

        if (staged.Count > 0)
        {
            Forget(database, [.. staged.Select(e => e.Id!)]);
        }

        return result;
    }

    /// <summary>
    /// Appends every event waiting in <paramref name="database"/>'s outbox that was staged at
    /// least <paramref name="olderThan"/> ago (younger ones are still being delivered by their
    /// writer), and removes them. Returns how many were delivered.
    /// </summary>
    public async Task<int> DrainAsync(IModuleDatabase database, TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        var delivered = 0;
        var cutoff = (time.GetUtcNow() - olderThan).ToUnixTimeMilliseconds();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var waiting = await ReadWaitingAsync(database, cutoff, seen, cancellationToken);
            if (waiting.Count == 0)
            {
                return delivered;
            }

            var done = new List<string>(waiting.Count);
            foreach (var (id, json, stagedAt) in waiting)
            {
                seen.Add(id);
                if (Parse(json) is not { } auditEvent)
                {
                    LogUnreadable(logger, database.Module, id);
                    continue;
                }

                var details = new Dictionary<string, string>(auditEvent.Details, StringComparer.Ordinal)
                {
                    [CommittedAtDetail] = DateTimeOffset.FromUnixTimeMilliseconds(stagedAt).ToString("O", CultureInfo.InvariantCulture),
                };
                await trail.RecordAsync(auditEvent with { Id = id, Details = details }, cancellationToken);
                done.Add(id);
                delivered++;
            }

            await RemoveAsync(database, done, cancellationToken);
            LogDrained(logger, done.Count, database.Module);
        }
    }

    private async Task InsertAsync(DbConnection connection, DbTransaction transaction, AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("INSERT INTO audit_outbox (id, event, staged_at) VALUES (@id, @event, @at)", transaction);
        command.AddParameter("id", auditEvent.Id).AddParameter("event", JsonSerializer.Serialize(auditEvent, AuditOutboxJsonContext.Default.AuditEvent))
            .AddParameter("at", time.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<(string Id, string Json, long StagedAt)>> ReadWaitingAsync(
        IModuleDatabase database, long cutoff, HashSet<string> seen, CancellationToken cancellationToken)
    {
        var waiting = new List<(string, string, long)>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(
            "SELECT id, event, staged_at FROM audit_outbox WHERE staged_at <= @cutoff ORDER BY staged_at, id LIMIT @limit");
        command.AddParameter("cutoff", cutoff).AddParameter("limit", DrainBatch + seen.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken) && waiting.Count < DrainBatch)
        {
            var id = reader.GetString(0);
            if (!seen.Contains(id))
            {
                waiting.Add((id, reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return waiting;
    }

    private static Task RemoveAsync(IModuleDatabase database, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        ids.Count == 0 ? Task.CompletedTask : database.WriteAsync(async (connection, transaction, ct) =>
        {
            foreach (var id in ids)
            {
                await using var command = connection.Command("DELETE FROM audit_outbox WHERE id = @id", transaction);
                command.AddParameter("id", id);
                await command.ExecuteNonQueryAsync(ct);
            }

            return ids.Count;
        }, cancellationToken);

    // Not awaited: a removal lost to a crash only means the event is delivered once more, and the
    // trail records an id once. Waiting would cost every audited write a second commit.
    private void Forget(IModuleDatabase database, IReadOnlyList<string> ids) =>
        _ = RemoveAsync(database, ids, CancellationToken.None).ContinueWith(
            t => LogRemoveFailed(logger, t.Exception!, database.Module), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private static AuditEvent? Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, AuditOutboxJsonContext.Default.AuditEvent);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "Delivered {Count} audit events that waited in the {Module} outbox")]
    private static partial void LogDrained(ILogger logger, int count, string module);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Error, Message = "The {Module} outbox holds an unreadable event {Id}; it is left there")]
    private static partial void LogUnreadable(ILogger logger, string module, string id);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "Delivered audit events could not be removed from the {Module} outbox; they will be delivered again, and recorded once")]
    private static partial void LogRemoveFailed(ILogger logger, Exception exception, string module);
}

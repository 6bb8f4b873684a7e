using Audit.Merkle;
using Platform.Storage;
using System.Data.Common;
using System.Globalization;

namespace Audit.Storage;

/// <summary>The audit log on SQLite or PostgreSQL.</summary>
internal sealed partial class SqlAuditStore(IModuleDatabase database) : IAuditStore
{
    private const string EntryColumns = "idx, entry, leaf_hash";

    public IModuleDatabase Database => database;

    public async Task<long> GetSizeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadSizeAsync(connection, null, cancellationToken);
    }

    public async Task<StoredEntry?> GetEntryAsync(long index, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command($"SELECT {EntryColumns} FROM entries WHERE idx = @idx");
        command.AddParameter("idx", index);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadEntry(reader) : null;
    }

    public async Task<IReadOnlyDictionary<NodeId, byte[]>> ReadHashesAsync(IReadOnlyCollection<NodeId> nodes, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadHashesAsync(connection, null, nodes, cancellationToken);
    }

    public async Task<string?> GetSettingAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT value FROM settings WHERE name = @name");
        command.AddParameter("name", name);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<string> GetOrAddSettingAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        await database.WriteAsync(async (connection, transaction, ct) =>
        {
            await using var command = connection.Command(
                "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING", transaction);
            command.AddParameter("name", name).AddParameter("value", value);
            return await command.ExecuteNonQueryAsync(ct);
        }, cancellationToken);
        return await GetSettingAsync(name, cancellationToken)
            ?? throw new InvalidOperationException($"The audit setting {name} vanished after it was stored.");
    }

    /// <summary>The committed size as the database sees it, inside the caller's transaction.</summary>
    internal static async Task<long> ReadSizeAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT MAX(idx) FROM entries", transaction);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>The time of entry <paramref name="index"/>, or the earliest time when there is none.</summary>
    internal static async Task<DateTimeOffset> ReadTimeAsync(DbConnection connection, DbTransaction? transaction, long index, CancellationToken cancellationToken)
    {
        await using var command = connection.Command("SELECT entry_time FROM entries WHERE idx = @idx", transaction);
        command.AddParameter("idx", index);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull
            ? DateTimeOffset.MinValue
            : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
    }

    /// <summary>Makes this transaction the only one sequencing (PostgreSQL; SQLite's write lock already is).</summary>
    internal async Task LockSequencerAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (database.Provider == StorageProvider.PostgreSql)
        {
            await using var command = connection.Command("SELECT pg_advisory_xact_lock(hashtext('audit:sequencer'))", transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static async Task InsertEntriesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<IndexedEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await using var command = connection.Command(
            "INSERT INTO entries (idx, entry, leaf_hash, entry_time, actor, action, target, outcome, module) " +
            "VALUES (@idx, @entry, @leaf, @time, @actor, @action, @target, @outcome, @module)", transaction);
        var parameters = new[] { "idx", "entry", "leaf", "time", "actor", "action", "target", "outcome", "module" }
            .Select(name => { var p = command.CreateParameter(); p.ParameterName = name; command.Parameters.Add(p); return p; })
            .ToArray();
        foreach (var item in entries)
        {
            var record = item.Record;
            parameters[0].Value = record.Index;
            parameters[1].Value = item.Entry;
            parameters[2].Value = item.LeafHash;
            parameters[3].Value = record.Time.ToUnixTimeMilliseconds();
            parameters[4].Value = (object?)item.Actor ?? DBNull.Value;
            parameters[5].Value = record.Action;
            parameters[6].Value = (object?)record.Target ?? DBNull.Value;
            parameters[7].Value = Events.AuditRecordEncoder.OutcomeName(record.Outcome);
            parameters[8].Value = record.Module;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static async Task InsertNodesAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<KeyValuePair<NodeId, byte[]>> nodes, CancellationToken cancellationToken)
    {
        if (nodes.Count == 0)
        {
            return;
        }

        await using var command = connection.Command("INSERT INTO nodes (level, idx, hash) VALUES (@level, @idx, @hash)", transaction);
        var level = command.CreateParameter();
        level.ParameterName = "level";
        var index = command.CreateParameter();
        index.ParameterName = "idx";
        var hash = command.CreateParameter();
        hash.ParameterName = "hash";
        command.Parameters.Add(level);
        command.Parameters.Add(index);
        command.Parameters.Add(hash);
        foreach (var (node, value) in nodes)
        {
            level.Value = node.Level;
            index.Value = node.Index;
            hash.Value = value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    internal static async Task<IReadOnlyDictionary<NodeId, byte[]>> ReadHashesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<NodeId> nodes, CancellationToken cancellationToken)
    {
        var found = new Dictionary<NodeId, byte[]>(nodes.Count);
        var leaves = nodes.Where(n => n.Level == 0).Select(n => n.Index).Distinct().ToList();
        var inner = nodes.Where(n => n.Level > 0).Distinct().ToList();
        if (leaves.Count > 0)
        {
            await using var command = connection.Command("", transaction);
            var names = leaves.Select((index, i) => { command.AddParameter("i" + i, index); return "@i" + i; });
            command.CommandText = $"SELECT idx, leaf_hash FROM entries WHERE idx IN ({string.Join(", ", names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[new NodeId(0, reader.GetInt64(0))] = (byte[])reader.GetValue(1);
            }
        }

        if (inner.Count > 0)
        {
            await using var command = connection.Command("", transaction);
            var conditions = inner.Select((node, i) =>
            {
                command.AddParameter("l" + i, node.Level).AddParameter("n" + i, node.Index);
                return $"(level = @l{i} AND idx = @n{i})";
            });
            command.CommandText = $"SELECT level, idx, hash FROM nodes WHERE {string.Join(" OR ", conditions)}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[new NodeId(reader.GetInt32(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
            }
        }

        return found;
    }

    private static StoredEntry ReadEntry(DbDataReader reader) =>
        new(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
}

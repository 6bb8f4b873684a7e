using Audit.Checkpoints;
using Audit.Merkle;
using Audit.Publishing;
using Microsoft.Data.Sqlite;
using System.Data.Common;

namespace Audit.Verification;

/// <summary>
/// Verifies an audit database offline, opened read-only: every entry re-read and re-hashed, the
/// stored Merkle nodes compared with the rebuilt ones, every stored checkpoint's signature checked
/// with the stored key, consecutive checkpoints proven consistent, and the tree matched to each.
/// </summary>
public static class DatabaseVerifier
{
    // The audit schema version that added checkpoints' time-stamp tokens (AuditMigrations).
    private const int TimeStampTokensVersion = 3;

    /// <summary>Verifies the SQLite audit database of the data directory <paramref name="dataDirectory"/>.</summary>
    public static Task<VerificationReport> VerifyDataDirectoryAsync(string dataDirectory, CancellationToken cancellationToken = default) =>
        VerifyDataDirectoryAsync(dataDirectory, VerificationAnchors.None, cancellationToken);

    /// <summary>Verifies the SQLite audit database of <paramref name="dataDirectory"/> against <paramref name="anchors"/>.</summary>
    public static async Task<VerificationReport> VerifyDataDirectoryAsync(
        string dataDirectory, VerificationAnchors anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        await using var connection = OpenDataDirectory(dataDirectory, out var missing);
        if (connection is null)
        {
            return missing!.Report();
        }

        await connection.OpenAsync(cancellationToken);
        return await VerifyAsync(connection, anchors, cancellationToken);
    }

    /// <summary>Verifies the audit tables reachable through <paramref name="connection"/> (SQLite or the audit schema on PostgreSQL).</summary>
    public static Task<VerificationReport> VerifyAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        VerifyAsync(connection, VerificationAnchors.None, cancellationToken);

    /// <summary>
    /// Verifies the audit tables reachable through <paramref name="connection"/>, trusting
    /// <paramref name="anchors"/> over what is stored: the stored key must be the pinned one, and
    /// the latest stored checkpoint and the entries must extend the saved checkpoint.
    /// </summary>
    public static async Task<VerificationReport> VerifyAsync(DbConnection connection, VerificationAnchors anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(anchors);
        var replay = new LogReplay();
        await using (var command = Command(connection, "SELECT idx, entry, leaf_hash FROM entries ORDER BY idx"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken) && replay.Contiguous)
            {
                replay.Add(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2));
            }
        }

        replay.Note($"{replay.Size} entries re-read, decoded canonically and re-hashed.");
        await CheckNodesAsync(connection, replay, cancellationToken);

        var origin = await SettingAsync(connection, CheckpointPublisher.OriginSetting, cancellationToken);
        var keyText = await SettingAsync(connection, CheckpointPublisher.VerifierKeySetting, cancellationToken);
        var key = NoteVerifierKey.Parse(keyText);
        if (origin is null || !key.IsSuccess)
        {
            replay.Problem("the log's origin or checkpoint verifier key is missing or malformed.");
            return replay.Report();
        }

        replay.Note($"origin {origin}, verifier key {key.Value}.");
        var verifierKey = AnchorChecks.ChooseKey(replay, key.Value!, anchors, "the log's stored");
        var saved = AnchorChecks.OpenSaved(replay, anchors, verifierKey);
        var stamps = new TimeStampChecks(replay, anchors.TimeStamps);
        AnchorChecks.CheckSavedTimeStamp(stamps, anchors, saved);
        Checkpoint? previous = null;
        var count = 0;
        // A database not yet migrated to tokens (a backup of an older version) has checkpoints without them.
        var tokens = await SchemaVersionAsync(connection, cancellationToken) >= TimeStampTokensVersion ? "timestamp_token" : "NULL";
        await using (var command = Command(connection, $"SELECT tree_size, note, {tokens} FROM checkpoints ORDER BY tree_size"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                count++;
                var problems = replay.ProblemCount;
                var note = reader.GetString(1);
                var checkpoint = replay.CheckCheckpoint(note, verifierKey, origin, previous);
                if (checkpoint is not null && checkpoint.TreeSize != reader.GetInt64(0))
                {
                    replay.Problem($"the checkpoint stored under size {reader.GetInt64(0)} says size {checkpoint.TreeSize}.");
                }

                // A token says when the log had this size only if the checkpoint itself holds.
                if (replay.ProblemCount == problems)
                {
                    stamps.Check(reader.GetInt64(0), note, reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
                }

                previous = checkpoint ?? previous;
            }
        }

        stamps.Finish();

        replay.Note(count == 0
            ? "no checkpoint has been published."
            : $"{count} checkpoints: signatures, consistency and roots checked; the latest covers {previous?.TreeSize} entries.");
        if (saved is not null)
        {
            var latest = previous ?? new Checkpoint(origin, 0, Rfc6962.EmptyRoot.ToArray());
            var proof = saved.TreeSize is > 0 && saved.TreeSize < latest.TreeSize && replay.Size >= latest.TreeSize
                ? new MerkleProver(replay.Tree).ProveConsistency(saved.TreeSize, latest.TreeSize).Value
                : null;
            AnchorChecks.CheckExtends(replay, saved, latest, proof, "the log's");
            AnchorChecks.CheckSavedRoot(replay, saved);
        }

        return replay.Report();
    }

    /// <summary>A read-only connection (not yet open) to the SQLite audit database of a data directory, or null with the problem.</summary>
    internal static SqliteConnection? OpenDataDirectory(string dataDirectory, out LogReplay? missing)
    {
        missing = null;
        var path = Path.Combine(Path.GetFullPath(dataDirectory), AuditServiceCollectionExtensions.DatabaseName + ".db");
        if (!File.Exists(path))
        {
            missing = new LogReplay();
            missing.Problem($"there is no audit database at {path}.");
            return null;
        }

        return new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }

    // A stored node that disagrees with the rebuilt tree would make the server serve false proofs.
    private static async Task CheckNodesAsync(DbConnection connection, LogReplay replay, CancellationToken cancellationToken)
    {
        var size = replay.Size;
        var buffer = new byte[Rfc6962.HashSize];
        long checkedNodes = 0, expected = 0;
        for (var level = 1; level < 63 && (size >> level) > 0; level++)
        {
            expected += size >> level;
        }

        await using var command = Command(connection, "SELECT level, idx, hash FROM nodes ORDER BY level, idx");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var node = new NodeId(reader.GetInt32(0), reader.GetInt64(1));
            var stored = (byte[])reader.GetValue(2);
            if (!replay.Tree.TryReadHashes([node], buffer))
            {
                continue;
            }

            checkedNodes++;
            if (!buffer.AsSpan().SequenceEqual(stored))
            {
                replay.Problem($"stored tree node {node.Level}/{node.Index} (entries {node.FirstLeaf}..{node.FirstLeaf + node.Width - 1}) does not match the entries.",
                    replay.FirstBadIndex is null ? node.FirstLeaf : null);
            }
        }

        if (replay.Contiguous && checkedNodes != expected)
        {
            replay.Problem($"the stored tree holds {checkedNodes} of the {expected} nodes the entries need.");
        }

        replay.Note($"{checkedNodes} stored tree nodes compared with the rebuilt tree.");
    }

    private static async Task<long> SchemaVersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT MAX(version) FROM schema_migrations");
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string?> SettingAsync(DbConnection connection, string name, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT value FROM settings WHERE name = @name");
        var parameter = command.CreateParameter();
        parameter.ParameterName = "name";
        parameter.Value = name;
        command.Parameters.Add(parameter);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static DbCommand Command(DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

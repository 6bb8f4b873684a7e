using Audit.Checkpoints;
using Audit.Events;
using Audit.Merkle;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Audit.Verification;

/// <summary>
/// Proves that one event is in the log: its entry bytes are re-hashed here, and the leaf hash
/// they give must lead, through an inclusion proof, to the root of a checkpoint signed by the
/// log's key (a saved checkpoint, or the latest). Neither the leaf hash nor the root is taken
/// from the log unverified.
/// </summary>
public static class InclusionProver
{
    /// <summary>Proves entry <paramref name="index"/> of the server <paramref name="client"/> talks to.</summary>
    public static async Task<InclusionReport> ProveAsync(HttpClient client, long index, VerificationAnchors anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(anchors);
        var replay = new LogReplay();
        var serverKey = NoteVerifierKey.Parse((await client.GetStringAsync("audit/verifier-key", cancellationToken)).Trim());
        if (!serverKey.IsSuccess)
        {
            replay.Problem($"the server's verifier key is malformed ({serverKey.Error}).");
            return Report(index, 0, null, replay);
        }

        var key = AnchorChecks.ChooseKey(replay, serverKey.Value!, anchors, "the server's");
        var checkpoint = anchors.SavedCheckpoint is not null
            ? AnchorChecks.OpenSaved(replay, anchors, key)
            : Latest(replay, await client.GetByteArrayAsync("audit/checkpoint", cancellationToken), key, "the server's");
        if (checkpoint is null || replay.Report().Problems.Count > 0)
        {
            return Report(index, 0, null, replay);
        }

        using var response = await client.GetAsync($"audit/events/{index.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            replay.Problem($"the server has no entry {index}.");
            return Report(index, 0, null, replay);
        }

        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var entry = document.RootElement.GetProperty("entry").GetBytesFromBase64();
        var leaf = CheckEntry(replay, index, entry);
        if (document.RootElement.TryGetProperty("leafHash", out var served) && !served.GetBytesFromBase64().AsSpan().SequenceEqual(leaf))
        {
            replay.Problem($"the server's leaf hash for entry {index} is not the hash of the entry it sent.");
        }

        if (!Covers(replay, index, checkpoint))
        {
            return Report(index, checkpoint.TreeSize, entry, replay);
        }

        var answer = await client.GetFromJsonAsync<JsonElement>(
            $"audit/proof/inclusion?index={index.ToString(CultureInfo.InvariantCulture)}&size={checkpoint.TreeSize.ToString(CultureInfo.InvariantCulture)}", cancellationToken);
        var path = answer.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        CheckProof(replay, new InclusionProof(index, checkpoint.TreeSize, path), leaf, checkpoint, "the server's");
        return Report(index, checkpoint.TreeSize, entry, replay);
    }

    /// <summary>
    /// Proves entry <paramref name="index"/> of the audit tables reachable through
    /// <paramref name="connection"/>: the proof is computed here from the re-hashed entries, so the
    /// stored tree is not trusted either.
    /// </summary>
    public static async Task<InclusionReport> ProveAsync(DbConnection connection, long index, VerificationAnchors anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(anchors);
        var replay = new LogReplay();
        var storedKey = NoteVerifierKey.Parse(await ScalarAsync(connection, $"SELECT value FROM settings WHERE name = '{Publishing.CheckpointPublisher.VerifierKeySetting}'", cancellationToken) as string);
        if (!storedKey.IsSuccess)
        {
            replay.Problem("the log's checkpoint verifier key is missing or malformed.");
            return Report(index, 0, null, replay);
        }

        var key = AnchorChecks.ChooseKey(replay, storedKey.Value!, anchors, "the log's stored");
        var checkpoint = anchors.SavedCheckpoint is not null
            ? AnchorChecks.OpenSaved(replay, anchors, key)
            : await ScalarAsync(connection, "SELECT note FROM checkpoints ORDER BY tree_size DESC LIMIT 1", cancellationToken) is string note
                ? Latest(replay, Encoding.UTF8.GetBytes(note), key, "the log's")
                : null;
        if (checkpoint is null || replay.Report().Problems.Count > 0)
        {
            if (checkpoint is null && replay.Report().Problems.Count == 0)
            {
                replay.Problem("the log has no checkpoint to prove against.");
            }

            return Report(index, 0, null, replay);
        }

        byte[]? entry = null;
        var tree = new InMemoryHashStore();
        var builder = new MerkleTreeBuilder(tree);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT idx, entry FROM entries WHERE idx < @size ORDER BY idx";
            var size = command.CreateParameter();
            size.ParameterName = "size";
            size.Value = checkpoint.TreeSize;
            command.Parameters.Add(size);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == builder.Size)
            {
                var bytes = (byte[])reader.GetValue(1);
                entry = reader.GetInt64(0) == index ? bytes : entry;
                builder.AppendEntry(bytes);
            }
        }

        if (entry is null)
        {
            replay.Problem(index < checkpoint.TreeSize ? $"the log has no entry {index}." : $"entry {index} is not covered by the checkpoint of size {checkpoint.TreeSize}.");
            return Report(index, 0, null, replay);
        }

        var leaf = CheckEntry(replay, index, entry);
        if (builder.Size < checkpoint.TreeSize)
        {
            replay.Problem($"the log holds {builder.Size} contiguous entries, fewer than the checkpoint's {checkpoint.TreeSize}.");
            return Report(index, checkpoint.TreeSize, entry, replay);
        }

        var proof = new MerkleProver(tree).ProveInclusion(index, checkpoint.TreeSize);
        CheckProof(replay, proof.Value!, leaf, checkpoint, "the re-hashed entries'");
        return Report(index, checkpoint.TreeSize, entry, replay);
    }

    private static Checkpoint? Latest(LogReplay replay, byte[] note, NoteVerifierKey key, string whose)
    {
        var verified = CheckpointVerifier.Verify(note, key, key.Name);
        if (!verified.IsSuccess)
        {
            replay.Problem($"{whose} latest checkpoint is not signed by {key} ({verified.Error}).");
            return null;
        }

        replay.Note($"{whose} latest checkpoint: size {verified.Value!.TreeSize}, signature verified.");
        return verified.Value;
    }

    // The leaf hash is computed here from the bytes, and the bytes must be the canonical entry for this index.
    private static byte[] CheckEntry(LogReplay replay, long index, byte[] entry)
    {
        var record = AuditRecordDecoder.TryDecode(entry);
        if (record is null)
        {
            replay.Problem($"entry {index} is not a canonical audit entry (its bytes were altered).");
        }
        else if (record.Index != index)
        {
            replay.Problem($"entry {index} carries index {record.Index}: entries were moved or swapped.");
        }

        return Rfc6962.HashLeaf(entry);
    }

    private static bool Covers(LogReplay replay, long index, Checkpoint checkpoint)
    {
        if (index < checkpoint.TreeSize)
        {
            return true;
        }

        replay.Problem($"entry {index} is not covered by the checkpoint of size {checkpoint.TreeSize}; prove it against a later checkpoint.");
        return false;
    }

    private static void CheckProof(LogReplay replay, InclusionProof proof, byte[] leaf, Checkpoint checkpoint, string whose)
    {
        var result = ProofVerifier.VerifyInclusion(proof, leaf, checkpoint.RootHash.Span);
        if (result.IsValid)
        {
            replay.Note($"the entry's bytes hash to a leaf that {whose} inclusion proof ({proof.Path.Count} hashes) leads to the checkpoint's root.");
        }
        else
        {
            replay.Problem($"the entry's bytes do not lead to the checkpoint's root through {whose} inclusion proof ({result.Failure}): the entry was altered, or is not in the log.");
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static InclusionReport Report(long index, long size, byte[]? entry, LogReplay replay)
    {
        var report = replay.Report();
        return new InclusionReport(index, size, entry is null ? null : Encoding.UTF8.GetString(entry), report.Problems, report.Notes);
    }
}

using Audit.Checkpoints;
using Audit.Merkle;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Audit.Verification;

/// <summary>
/// Verifies a running server through its API only: the signed checkpoint against the published
/// verifier key, every entry (read with an officer's client certificate) re-hashed into a tree
/// whose root must equal the checkpoint's, and inclusion and consistency proofs spot-checked.
/// </summary>
public static class OnlineVerifier
{
    private const int PageSize = 1000;

    /// <summary>Verifies the server <paramref name="client"/> talks to (its base address is the server's root).</summary>
    public static Task<VerificationReport> VerifyAsync(HttpClient client, CancellationToken cancellationToken = default) =>
        VerifyAsync(client, VerificationAnchors.None, cancellationToken);

    /// <summary>
    /// Verifies the server <paramref name="client"/> talks to, trusting <paramref name="anchors"/>
    /// over what the server says: its key must be the pinned one, and its checkpoint must extend
    /// the saved one (the server's consistency proof checked here, and the saved root rebuilt
    /// from the entries).
    /// </summary>
    public static async Task<VerificationReport> VerifyAsync(HttpClient client, VerificationAnchors anchors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(anchors);
        var replay = new LogReplay();
        var keyText = (await client.GetStringAsync("audit/verifier-key", cancellationToken)).Trim();
        var serverKey = NoteVerifierKey.Parse(keyText);
        if (!serverKey.IsSuccess)
        {
            replay.Problem($"the server's verifier key is malformed ({serverKey.Error}).");
            return replay.Report();
        }

        var key = AnchorChecks.ChooseKey(replay, serverKey.Value!, anchors, "the server's");
        var note = await client.GetByteArrayAsync("audit/checkpoint", cancellationToken);
        var checkpoint = CheckpointVerifier.Verify(note, key, key.Name);
        if (!checkpoint.IsSuccess)
        {
            replay.Problem(anchors.PinnedKey is null
                ? $"the server's checkpoint does not verify with its key ({checkpoint.Error})."
                : $"the server's checkpoint is not signed by the pinned key ({checkpoint.Error}).");
            return replay.Report();
        }

        var size = checkpoint.Value!.TreeSize;
        replay.Note($"checkpoint of {key.Name}: size {size}, signature verified with {key}.");
        var saved = AnchorChecks.OpenSaved(replay, anchors, key);
        if (anchors.SavedCheckpoint is not null && saved is null)
        {
            return replay.Report();
        }

        if (saved is not null)
        {
            var proof = saved.TreeSize is > 0 && saved.TreeSize < size
                ? await ConsistencyAsync(client, saved.TreeSize, size, cancellationToken)
                : null;
            AnchorChecks.CheckExtends(replay, saved, checkpoint.Value, proof, "the server's");
        }

        await CheckTimeStampsAsync(client, replay, anchors, saved, size, Encoding.UTF8.GetString(note), cancellationToken);

        var entries = await ReadEntriesAsync(client, size, cancellationToken);
        for (long i = 0; i < size && replay.Contiguous; i++)
        {
            if (entries.TryGetValue(i, out var entry))
            {
                replay.Add(i, entry, null);
            }
            else
            {
                replay.Problem($"entry {i} is covered by the checkpoint but the server did not return it.", i);
                break;
            }
        }

        replay.Note($"{replay.Size} entries fetched, decoded canonically and re-hashed.");
        if (replay.Size == size)
        {
            // Signature again, and the root rebuilt from the entries against the signed one.
            replay.CheckCheckpoint(Encoding.UTF8.GetString(note), key, key.Name, previous: null);
            await SpotCheckAsync(client, replay, checkpoint.Value, cancellationToken);
            if (saved is not null)
            {
                AnchorChecks.CheckSavedRoot(replay, saved);
            }
        }

        return replay.Report();
    }

    // The saved checkpoint's token (the one saved with it, else the server's) and the latest's, then their order in time.
    private static async Task CheckTimeStampsAsync(
        HttpClient client, LogReplay replay, VerificationAnchors anchors, Checkpoint? saved, long size, string note, CancellationToken cancellationToken)
    {
        var stamps = new TimeStampChecks(replay, anchors.TimeStamps);
        if (saved is not null)
        {
            if (anchors.SavedTimeStamp is not null)
            {
                AnchorChecks.CheckSavedTimeStamp(stamps, anchors, saved);
            }
            else if (saved.TreeSize != size)
            {
                stamps.Check(saved.TreeSize, AnchorChecks.Normalize(anchors.SavedCheckpoint!),
                    await TimeStampAsync(client, saved.TreeSize, cancellationToken), "the saved checkpoint: ");
            }
        }

        stamps.Check(size, note, await TimeStampAsync(client, size, cancellationToken), "the server's checkpoint: ");
        stamps.Finish();
    }

    /// <summary>The server's TimeStampResp for the checkpoint of <paramref name="size"/>, or null when it has none.</summary>
    private static async Task<byte[]?> TimeStampAsync(HttpClient client, long size, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"audit/checkpoint/timestamp?size={size}", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private static async Task<Dictionary<long, byte[]>> ReadEntriesAsync(HttpClient client, long size, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<long, byte[]>();
        string? cursor = size == 0 ? null : (size).ToString(CultureInfo.InvariantCulture);
        while (cursor is not null)
        {
            using var document = JsonDocument.Parse(
                await client.GetByteArrayAsync($"audit/events?limit={PageSize}&cursor={cursor}", cancellationToken));
            foreach (var element in document.RootElement.GetProperty("events").EnumerateArray())
            {
                // The server sends each entry verbatim, so its raw text is the hashed byte string.
                entries[element.GetProperty("index").GetInt64()] = Encoding.UTF8.GetBytes(element.GetRawText());
            }

            var next = document.RootElement.GetProperty("next");
            cursor = next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }

        return entries;
    }

    private static async Task SpotCheckAsync(HttpClient client, LogReplay replay, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var size = checkpoint.TreeSize;
        if (size == 0)
        {
            return;
        }

        var prover = new MerkleProver(replay.Tree);
        var indexes = new SortedSet<long> { 0, size / 2, size - 1, Random.Shared.NextInt64(size) };
        foreach (var index in indexes)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"audit/proof/inclusion?index={index}&size={size}", cancellationToken);
            var path = answer.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
            var leaf = new byte[Rfc6962.HashSize];
            replay.Tree.TryReadHashes([new NodeId(0, index)], leaf);
            if (!ProofVerifier.VerifyInclusion(new InclusionProof(index, size, path), leaf, checkpoint.RootHash.Span).IsValid)
            {
                replay.Problem($"the server's inclusion proof for entry {index} does not verify against the checkpoint.", index);
            }
        }

        if (size > 1)
        {
            var from = size / 2;
            var proof = await ConsistencyAsync(client, from, size, cancellationToken);
            var older = prover.GetRootHash(from).Value!;
            if (!ProofVerifier.VerifyConsistency(proof, older, checkpoint.RootHash.Span).IsValid)
            {
                replay.Problem($"the server's consistency proof from {from} to {size} does not verify.");
            }
        }

        replay.Note($"{indexes.Count} inclusion proofs and one consistency proof checked against the checkpoint.");
    }

    /// <summary>The server's consistency proof between two sizes, as it sends it; verified by the caller.</summary>
    internal static async Task<ConsistencyProof> ConsistencyAsync(HttpClient client, long from, long to, CancellationToken cancellationToken)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"audit/proof/consistency?from={from}&to={to}", cancellationToken);
        var path = answer.GetProperty("proof").EnumerateArray().Select(p => Convert.FromBase64String(p.GetString()!)).ToList();
        return new ConsistencyProof(from, to, path);
    }
}

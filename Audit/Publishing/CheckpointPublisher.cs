using Audit.Checkpoints;
using Audit.Merkle;
using Audit.Storage;
using Audit.TimeStamps;
using Microsoft.Extensions.Logging;
using Platform.Cryptography;
using Platform.Keys;
using System.Text;

namespace Audit.Publishing;

/// <summary>
/// Holds the checkpoint key and the last signed checkpoint. Every checkpoint it signs is proven
/// consistent with the previous one by <see cref="CheckpointSigner"/>; after a restart the signer
/// is seeded with the last stored checkpoint, so a truncated or rewritten database is refused.
/// Each checkpoint it publishes is then time-stamped by <see cref="CheckpointTimeStamper"/>, after it
/// is stored, so a refusing TSA never holds a checkpoint back.
/// </summary>
internal sealed partial class CheckpointPublisher(
    IAuditStore store, TreeHashes hashes, IKeyStore keys, CheckpointTimeStamper stamper, TimeProvider time, ILogger<CheckpointPublisher> logger,
    Metrics.AuditMetrics metrics)
    : ICheckpointPublisher
{
    internal const string OriginSetting = "origin";
    internal const string KeyIdSetting = "checkpoint-key-id";
    internal const string VerifierKeySetting = "checkpoint-verifier-key";

    private readonly SemaphoreSlim gate = new(1, 1);
    private CheckpointSigner? signer;
    private volatile string? latestNote;

    public string Origin => Signer.Origin;

    public NoteVerifierKey VerifierKey => Signer.VerifierKey;

    public string? LatestNote => latestNote;

    private CheckpointSigner Signer => signer ?? throw new InvalidOperationException("The audit checkpoint publisher has not started.");

    /// <summary>Loads or creates the key and origin, and seeds the signer with the last stored checkpoint.</summary>
    public async Task InitializeAsync(string defaultOrigin, CancellationToken cancellationToken)
    {
        var origin = await store.GetOrAddSettingAsync(OriginSetting, defaultOrigin, cancellationToken);
        var keyId = await store.GetSettingAsync(KeyIdSetting, cancellationToken);
        ISigningKey key;
        if (keyId is null)
        {
            key = keys.Create(KeyAlgorithm.Ed25519, "audit-checkpoint");
            var storedId = await store.GetOrAddSettingAsync(KeyIdSetting, key.Id, cancellationToken);
            key = storedId == key.Id ? key : keys.Open(storedId);
            LogKeyCreated(logger, key.Id);
        }
        else
        {
            key = keys.Open(keyId);
        }

        var noteSigner = new NoteSigner(origin, key);
        var verifierKey = noteSigner.VerifierKey.ToString();
        var storedVerifierKey = await store.GetOrAddSettingAsync(VerifierKeySetting, verifierKey, cancellationToken);
        if (storedVerifierKey != verifierKey)
        {
            throw new InvalidOperationException("The audit checkpoint key does not match the verifier key stored with the log.");
        }

        Checkpoint? latest = null;
        var stored = await store.GetLatestCheckpointAsync(cancellationToken);
        if (stored is not null)
        {
            var verified = CheckpointVerifier.Verify(Encoding.UTF8.GetBytes(stored.Note), noteSigner.VerifierKey, origin);
            if (!verified.IsSuccess || verified.Value!.TreeSize != stored.TreeSize)
            {
                throw new InvalidOperationException(
                    $"The stored audit checkpoint for size {stored.TreeSize} does not verify ({verified.Error}); the audit database was altered.");
            }

            latest = verified.Value;
            latestNote = stored.Note;
            metrics.Checkpoint(stored.TreeSize, stored.PublishedAt);
        }

        signer = new CheckpointSigner(origin, noteSigner, latest);
        stamper.AnnounceAtStart();
    }

    /// <summary>
    /// Asks the TSA for the latest checkpoint's token if it has none, without signing a new
    /// checkpoint: what start-up published before the TSA could answer gets its token at once.
    /// </summary>
    public async Task StampLatestAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await store.GetLatestCheckpointAsync(cancellationToken) is { } latest && stamper.WantsToken(latest.TreeSize))
            {
                await stamper.EnsureAsync(latest, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<PublishResult> PublishAsync(CancellationToken cancellationToken = default)
    {
        var current = Signer;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var size = await store.GetSizeAsync(cancellationToken);
            metrics.LogSize(size);
            var root = await hashes.RunAsync(size, reader => new MerkleProver(reader).GetRootHash(size), cancellationToken);
            var latest = current.Latest;
            if (latest is not null && latest.TreeSize == size && root.IsSuccess && root.Value.AsSpan().SequenceEqual(latest.RootHash.Span))
            {
                // A latest checkpoint whose token the TSA refused gets another chance at every attempt.
                if (stamper.WantsToken(size))
                {
                    if (await store.GetCheckpointAsync(size, cancellationToken) is { } unchanged)
                    {
                        await stamper.EnsureAsync(unchanged, cancellationToken);
                    }
                }

                return new PublishResult(PublishOutcome.Unchanged, latestNote);
            }

            ConsistencyProof? proof = null;
            if (root.IsSuccess && latest is { TreeSize: > 0 } && size > latest.TreeSize)
            {
                var from = latest.TreeSize;
                proof = (await hashes.RunAsync(size, reader => new MerkleProver(reader).ProveConsistency(from, size), cancellationToken)).Value;
            }

            var signed = root.IsSuccess
                ? current.Sign(new Checkpoint(current.Origin, size, root.Value!), proof)
                : NoteResult<SignedNote>.Failure(NoteError.Inconsistent);
            if (!signed.IsSuccess)
            {
                LogInconsistent(logger, size, latest?.TreeSize ?? 0);
                return new PublishResult(PublishOutcome.Inconsistent, latestNote);
            }

            var note = signed.Value!.Format();
            var published = new StoredCheckpoint(size, root.Value!, note, time.GetUtcNow());
            if (!await store.TryAddCheckpointAsync(published, cancellationToken))
            {
                // Another node stored this size first (the same note: the signature is deterministic) and may have stamped it.
                published = await store.GetCheckpointAsync(size, cancellationToken) ?? published;
            }

            latestNote = note;
            metrics.Checkpoint(published.TreeSize, published.PublishedAt);
            LogPublished(logger, size);
            await stamper.EnsureAsync(published, cancellationToken);
            return new PublishResult(PublishOutcome.Published, note);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Audit checkpoint key {KeyId} created")]
    private static partial void LogKeyCreated(ILogger logger, string keyId);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Audit checkpoint published at tree size {Size}")]
    private static partial void LogPublished(ILogger logger, long size);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Critical,
        Message = "Audit checkpoint refused: the stored tree of {Size} entries does not extend the last checkpoint of {LatestSize}; the audit database was altered")]
    private static partial void LogInconsistent(ILogger logger, long size, long latestSize);
}

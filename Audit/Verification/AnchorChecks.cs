using Audit.Checkpoints;
using Audit.Merkle;
using System.Text;

namespace Audit.Verification;

/// <summary>The checks against a pinned key and a saved checkpoint, shared by the online and offline verifiers and the prover.</summary>
internal static class AnchorChecks
{
    /// <summary>
    /// The key to verify with: the pinned one when given (a log whose key differs is a problem),
    /// else the log's own.
    /// </summary>
    public static NoteVerifierKey ChooseKey(LogReplay replay, NoteVerifierKey logKey, VerificationAnchors anchors, string where)
    {
        if (anchors.PinnedKey is not { } pinned)
        {
            return logKey;
        }

        if (pinned.ToString() != logKey.ToString())
        {
            replay.Problem($"{where} verifier key {logKey} is not the pinned key {pinned}: this is not the log you pinned, or its key was replaced.");
        }
        else
        {
            replay.Note($"{where} verifier key matches the pinned key.");
        }

        return pinned;
    }

    /// <summary>The saved checkpoint, verified with <paramref name="key"/>; null (with a problem) when it does not verify.</summary>
    public static Checkpoint? OpenSaved(LogReplay replay, VerificationAnchors anchors, NoteVerifierKey key)
    {
        if (anchors.SavedCheckpoint is not { } note)
        {
            return null;
        }

        var saved = CheckpointVerifier.Verify(Encoding.UTF8.GetBytes(Normalize(note)), key, key.Name);
        if (!saved.IsSuccess)
        {
            replay.Problem($"the saved checkpoint is not signed by {key} ({saved.Error}): it comes from another log, or it was altered.");
            return null;
        }

        replay.Note($"saved checkpoint: size {saved.Value!.TreeSize}, signature verified.");
        return saved.Value;
    }

    /// <summary>Checks the token saved with the checkpoint, when both were given.</summary>
    public static void CheckSavedTimeStamp(TimeStampChecks stamps, VerificationAnchors anchors, Checkpoint? saved)
    {
        if (saved is not null && anchors.SavedTimeStamp is { } token)
        {
            stamps.Check(saved.TreeSize, Normalize(anchors.SavedCheckpoint!), token, "the saved checkpoint: ");
        }
    }

    /// <summary>
    /// Checks that <paramref name="current"/> extends <paramref name="saved"/> with
    /// <paramref name="proof"/> (a smaller or equal size; the same root when the sizes are equal).
    /// </summary>
    public static void CheckExtends(LogReplay replay, Checkpoint saved, Checkpoint current, ConsistencyProof? proof, string whose)
    {
        if (saved.TreeSize > current.TreeSize)
        {
            replay.Problem($"the saved checkpoint covers {saved.TreeSize} entries but {whose} latest covers only {current.TreeSize}: the log was truncated or rewritten since it was saved.");
            return;
        }

        if (!CheckpointVerifier.VerifyExtends(saved, current, proof).IsValid)
        {
            replay.Problem(saved.TreeSize == current.TreeSize
                ? $"{whose} latest checkpoint has the saved checkpoint's size {saved.TreeSize} but another root: the log was forked or rewritten."
                : $"{whose} latest checkpoint (size {current.TreeSize}) is not consistent with the saved one (size {saved.TreeSize}): the log was forked or rewritten.");
            return;
        }

        replay.Note($"{whose} latest checkpoint (size {current.TreeSize}) is consistent with the saved one (size {saved.TreeSize}).");
    }

    /// <summary>Checks that the re-hashed entries reproduce the saved checkpoint's root, whatever the log's own proofs say.</summary>
    public static void CheckSavedRoot(LogReplay replay, Checkpoint saved)
    {
        if (replay.Size < saved.TreeSize)
        {
            return;
        }

        var root = new MerkleProver(replay.Tree).GetRootHash(saved.TreeSize);
        if (!root.IsSuccess || !root.Value.AsSpan().SequenceEqual(saved.RootHash.Span))
        {
            replay.Problem($"the entries 0..{saved.TreeSize - 1} no longer hash to the saved checkpoint's root: the log was rewritten since it was saved.");
        }
    }

    /// <summary>
    /// The note as the server served it: a checkpoint saved with a shell or an editor may have
    /// lost its final newline or gained CRs.
    /// </summary>
    public static string Normalize(string note)
    {
        var text = note.Replace("\r\n", "\n", StringComparison.Ordinal);
        return text.EndsWith('\n') ? text : text + "\n";
    }
}

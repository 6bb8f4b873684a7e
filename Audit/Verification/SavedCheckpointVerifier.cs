namespace Audit.Verification;

/// <summary>
/// Checks a saved checkpoint and its time-stamp token on their own, without the log: the note
/// signed by the pinned key, and the token over exactly its bytes from a TSA the verifier trusts.
/// It proves the log had that size by the token's genTime, whatever the server's clock says.
/// </summary>
public static class SavedCheckpointVerifier
{
    /// <summary>Verifies <see cref="VerificationAnchors.SavedCheckpoint"/> with <see cref="VerificationAnchors.PinnedKey"/> and its <see cref="VerificationAnchors.SavedTimeStamp"/>.</summary>
    public static VerificationReport Verify(VerificationAnchors anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var replay = new LogReplay();
        if (anchors.PinnedKey is not { } key || anchors.SavedCheckpoint is null || anchors.SavedTimeStamp is null)
        {
            replay.Problem("a saved checkpoint is checked on its own only with the log's verifier key and its time-stamp token.");
            return replay.Report();
        }

        var saved = AnchorChecks.OpenSaved(replay, anchors, key);
        var stamps = new TimeStampChecks(replay, anchors.TimeStamps);
        AnchorChecks.CheckSavedTimeStamp(stamps, anchors, saved);
        stamps.Finish();
        return replay.Report() with { Checkpoints = saved is null ? 0 : 1 };
    }
}

using Audit.Checkpoints;

namespace Audit.Verification;

/// <summary>
/// What a verifier brings from outside the log it checks, so that it need not trust the log's
/// server or storage for it: a pinned checkpoint verifier key, a checkpoint saved earlier with its
/// time-stamp token, and a check of time-stamp tokens against a TSA root of its own.
/// </summary>
/// <param name="PinnedKey">The verifier key the log must use; the log's own key is compared with it and its checkpoints verified with it.</param>
/// <param name="SavedCheckpoint">A signed checkpoint note saved earlier (as <c>GET /audit/checkpoint</c> serves it); the log must still extend it.</param>
/// <param name="TimeStamps">Checks checkpoints' time-stamp tokens; without it tokens are noted but not checked.</param>
/// <param name="SavedTimeStamp">The time-stamp token (or TimeStampResp) saved with <paramref name="SavedCheckpoint"/>.</param>
public sealed record VerificationAnchors(
    NoteVerifierKey? PinnedKey = null, string? SavedCheckpoint = null, ITimeStampTokenVerifier? TimeStamps = null, byte[]? SavedTimeStamp = null)
{
    /// <summary>No anchors: the key and the checkpoint come from the log itself.</summary>
    public static VerificationAnchors None { get; } = new();
}

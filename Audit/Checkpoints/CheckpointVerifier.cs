using Audit.Merkle;

namespace Audit.Checkpoints;

/// <summary>Verifies a signed checkpoint from an untrusted source against the log's verifier key.</summary>
public static class CheckpointVerifier
{
    /// <summary>
    /// Checks that <paramref name="signedNote"/> is a note signed by <paramref name="key"/> whose
    /// text is a checkpoint for the log <paramref name="origin"/>, and returns that checkpoint.
    /// </summary>
    public static NoteResult<Checkpoint> Verify(ReadOnlySpan<byte> signedNote, NoteVerifierKey key, string origin)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(origin);
        var note = NoteVerifier.Open(signedNote, [key]);
        if (!note.IsSuccess)
        {
            return NoteResult<Checkpoint>.Failure(note.Error);
        }

        var checkpoint = Checkpoint.Parse(note.Value!.Text);
        if (!checkpoint.IsSuccess)
        {
            return checkpoint;
        }

        return checkpoint.Value!.Origin == origin
            ? checkpoint
            : NoteResult<Checkpoint>.Failure(NoteError.OriginMismatch);
    }

    /// <summary>
    /// Checks that <paramref name="newer"/> extends <paramref name="older"/>: same origin, no
    /// fewer entries, and a valid consistency proof (none needed when the sizes are equal, then
    /// the roots must be equal, or when <paramref name="older"/> is empty). A monitor or the
    /// <c>audit verify</c> command uses this to detect a forked or rewritten log.
    /// </summary>
    public static ProofVerification VerifyExtends(Checkpoint older, Checkpoint newer, ConsistencyProof? proof)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        if (older.Origin != newer.Origin || newer.TreeSize < older.TreeSize)
        {
            return ProofVerification.Invalid(VerificationFailure.InvalidSizes);
        }

        if (older.TreeSize == 0)
        {
            return newer.TreeSize > 0 || newer.RootHash.Span.SequenceEqual(Rfc6962.EmptyRoot)
                ? ProofVerification.Valid
                : ProofVerification.Invalid(VerificationFailure.RootMismatch);
        }

        var path = proof?.Path ?? [];
        if (proof is not null && (proof.FromSize != older.TreeSize || proof.ToSize != newer.TreeSize))
        {
            return ProofVerification.Invalid(VerificationFailure.InvalidSizes);
        }

        return ProofVerifier.VerifyConsistency(older.TreeSize, newer.TreeSize, path, older.RootHash.Span, newer.RootHash.Span);
    }
}

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
}

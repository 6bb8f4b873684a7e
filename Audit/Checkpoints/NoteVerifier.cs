namespace Audit.Checkpoints;

/// <summary>
/// Opens signed notes against a set of trusted verifier keys, with the semantics of Go's
/// <c>note.Open</c>: signatures by unknown keys are kept aside unchecked, a bad signature by a
/// known key rejects the whole note, and at least one known key must have signed.
/// </summary>
public static class NoteVerifier
{
    /// <summary>Parses and verifies untrusted <paramref name="message"/> bytes.</summary>
    public static NoteResult<VerifiedNote> Open(ReadOnlySpan<byte> message, IEnumerable<NoteVerifierKey> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        var parsed = SignedNote.Parse(message);
        if (!parsed.IsSuccess)
        {
            return NoteResult<VerifiedNote>.Failure(parsed.Error);
        }

        var note = parsed.Value!;
        var keys = trusted.ToList();
        var textBytes = NoteText.StrictUtf8.GetBytes(note.Text);
        var verified = new List<NoteSignature>();
        var unverified = new List<NoteSignature>();
        var seen = new HashSet<(string, uint)>();
        foreach (var signature in note.Signatures)
        {
            var key = keys.Find(k => k.KeyHash == signature.KeyHash && string.Equals(k.Name, signature.Name, StringComparison.Ordinal));
            if (key is null)
            {
                unverified.Add(signature);
                continue;
            }

            if (!seen.Add((signature.Name, signature.KeyHash)))
            {
                continue;
            }

            if (!key.Verify(textBytes, signature.Signature))
            {
                return NoteResult<VerifiedNote>.Failure(NoteError.InvalidSignature);
            }

            verified.Add(signature);
        }

        return verified.Count == 0
            ? NoteResult<VerifiedNote>.Failure(NoteError.NoTrustedSignature)
            : NoteResult<VerifiedNote>.Success(new VerifiedNote(note.Text, verified, unverified));
    }
}

using Audit.Merkle;

namespace Audit.Checkpoints;

/// <summary>
/// Signs the log's checkpoints, and refuses to sign one that is not an append-only extension of
/// the last one it signed: a signed fork is exactly what a transparency log must never produce,
/// so this check sits next to the key rather than in the caller.
/// </summary>
/// <remarks>Thread-safe; signing is serialised.</remarks>
public sealed class CheckpointSigner
{
    private readonly NoteSigner _signer;
    private readonly Lock _gate = new();
    private Checkpoint? _latest;

    /// <summary>Creates a signer for the log named <paramref name="origin"/>.</summary>
    /// <param name="origin">The log's origin line.</param>
    /// <param name="signer">The note signer holding the checkpoint key.</param>
    /// <param name="latest">The last checkpoint signed before, if any; new ones must extend it.</param>
    public CheckpointSigner(string origin, NoteSigner signer, Checkpoint? latest = null)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(signer);
        if (latest is not null && latest.Origin != origin)
        {
            throw new ArgumentException("The latest checkpoint belongs to another log.", nameof(latest));
        }

        Origin = origin;
        _signer = signer;
        _latest = latest;
    }

    /// <summary>The log's origin line.</summary>
    public string Origin { get; }

    /// <summary>The verifier key for the signatures this signer makes.</summary>
    public NoteVerifierKey VerifierKey => _signer.VerifierKey;

    /// <summary>The last checkpoint signed, or the one given at construction.</summary>
    public Checkpoint? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>
    /// Signs <paramref name="next"/> if <paramref name="proof"/> proves it consistent with
    /// <see cref="Latest"/>. The proof may be null when there is no latest checkpoint, when the
    /// latest is empty, or when the size is unchanged (the root must then be unchanged too).
    /// </summary>
    /// <returns>The signed note, or <see cref="NoteError.OriginMismatch"/> or <see cref="NoteError.Inconsistent"/>.</returns>
    public NoteResult<SignedNote> Sign(Checkpoint next, ConsistencyProof? proof)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Origin != Origin)
        {
            return NoteResult<SignedNote>.Failure(NoteError.OriginMismatch);
        }

        lock (_gate)
        {
            if (!ExtendsLatest(next, proof))
            {
                return NoteResult<SignedNote>.Failure(NoteError.Inconsistent);
            }

            var note = _signer.SignNote(next.ToBody());
            _latest = next;
            return NoteResult<SignedNote>.Success(note);
        }
    }

    private bool ExtendsLatest(Checkpoint next, ConsistencyProof? proof)
    {
        if (next.TreeSize == 0 && !next.RootHash.Span.SequenceEqual(Rfc6962.EmptyRoot))
        {
            return false;
        }

        if (_latest is null)
        {
            return true;
        }

        if (next.TreeSize < _latest.TreeSize)
        {
            return false;
        }

        if (next.TreeSize == _latest.TreeSize)
        {
            return next.RootHash.Span.SequenceEqual(_latest.RootHash.Span) && (proof is null || proof.Path.Count == 0);
        }

        if (_latest.TreeSize == 0)
        {
            // Every tree extends the empty tree; RFC 9162 has no proof for it.
            return true;
        }

        return proof is not null &&
            proof.FromSize == _latest.TreeSize &&
            proof.ToSize == next.TreeSize &&
            ProofVerifier.VerifyConsistency(proof, _latest.RootHash.Span, next.RootHash.Span).IsValid;
    }
}

using Audit.Checkpoints;
using Audit.Events;
using Audit.Merkle;

namespace Audit.Verification;

/// <summary>
/// Rebuilds the tree from entry bytes alone, checking each entry on the way: present in order,
/// canonical, carrying its own index, and matching any leaf hash stored beside it. Roots are
/// then recomputed from these hashes, never taken from storage (immudb #2063).
/// </summary>
internal sealed class LogReplay
{
    private const int MaxProblems = 50;

    private readonly InMemoryHashStore tree = new();
    private readonly MerkleTreeBuilder builder;
    private readonly List<string> problems = [];
    private readonly List<string> notes = [];
    private int checkpoints;

    public LogReplay() => builder = new MerkleTreeBuilder(tree);

    public long Size => builder.Size;

    public long? FirstBadIndex { get; private set; }

    /// <summary>False once a gap is found: later entries cannot be placed in the tree.</summary>
    public bool Contiguous { get; private set; } = true;

    public IHashReader Tree => tree;

    /// <summary>How many problems were found so far.</summary>
    public int ProblemCount { get; private set; }

    public void Note(string text) => notes.Add(text);

    public void Problem(string text, long? badIndex = null)
    {
        if (badIndex is { } index && (FirstBadIndex is null || index < FirstBadIndex))
        {
            FirstBadIndex = index;
        }

        ProblemCount++;
        if (problems.Count < MaxProblems)
        {
            problems.Add(text);
        }
    }

    /// <summary>Checks and appends the entry stored at <paramref name="index"/>.</summary>
    public void Add(long index, byte[] entry, byte[]? storedLeafHash)
    {
        if (!Contiguous)
        {
            return;
        }

        var expected = builder.Size;
        if (index != expected)
        {
            Problem($"entry {expected} is missing (the next stored entry is {index}); the log has a gap.", expected);
            Contiguous = false;
            return;
        }

        var leaf = Rfc6962.HashLeaf(entry);
        var record = AuditRecordDecoder.TryDecode(entry);
        if (record is null)
        {
            Problem($"entry {index} is not a canonical audit entry (its bytes were altered).", index);
        }
        else if (record.Index != index)
        {
            Problem($"entry {index} carries index {record.Index}: entries were moved or swapped.", index);
        }

        if (storedLeafHash is not null && !leaf.AsSpan().SequenceEqual(storedLeafHash))
        {
            Problem($"entry {index}: the stored leaf hash does not match the entry's bytes.", index);
        }

        builder.AppendLeafHash(leaf);
    }

    /// <summary>Checks a signed checkpoint against the key and against the rebuilt tree.</summary>
    public Checkpoint? CheckCheckpoint(string note, NoteVerifierKey key, string origin, Checkpoint? previous)
    {
        checkpoints++;
        var verified = CheckpointVerifier.Verify(System.Text.Encoding.UTF8.GetBytes(note), key, origin);
        if (!verified.IsSuccess)
        {
            Problem($"a stored checkpoint does not verify with the log's key ({verified.Error}).");
            return previous;
        }

        var checkpoint = verified.Value!;
        if (checkpoint.TreeSize > builder.Size)
        {
            Problem($"the checkpoint of size {checkpoint.TreeSize} covers more entries than the {builder.Size} present: the log was truncated.",
                builder.Size);
            return checkpoint;
        }

        var prover = new MerkleProver(tree);
        var root = prover.GetRootHash(checkpoint.TreeSize);
        if (!root.IsSuccess || !root.Value.AsSpan().SequenceEqual(checkpoint.RootHash.Span))
        {
            Problem($"the entries 0..{checkpoint.TreeSize - 1} do not hash to the root of the signed checkpoint of size {checkpoint.TreeSize}.");
        }

        if (previous is not null && previous.TreeSize <= checkpoint.TreeSize)
        {
            var proof = previous.TreeSize is > 0 && previous.TreeSize < checkpoint.TreeSize
                ? prover.ProveConsistency(previous.TreeSize, checkpoint.TreeSize).Value
                : null;
            if (!CheckpointVerifier.VerifyExtends(previous, checkpoint, proof).IsValid)
            {
                Problem($"the checkpoint of size {checkpoint.TreeSize} is not consistent with the one of size {previous.TreeSize}.");
            }
        }

        return checkpoint;
    }

    public VerificationReport Report() => new(builder.Size, checkpoints, FirstBadIndex, problems, notes);
}

using System.Text;
using Audit.Checkpoints;
using Audit.Merkle;

namespace Audit.Tests.Checkpoints;

public sealed class CheckpointSignerTests : IDisposable
{
    private const string Origin = "audit.example.gov/log";

    private readonly TestEd25519Key _key = TestEd25519Key.Generate();
    private readonly InMemoryHashStore _store = new();
    private readonly MerkleTreeBuilder _tree;

    public CheckpointSignerTests() => _tree = new MerkleTreeBuilder(_store);

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Sign_ConsistentGrowth_ProducesVerifiableNotes()
    {
        var signer = NewSigner();
        Append(5);
        var first = signer.Sign(Current(), null);
        Append(8);
        var proof = new MerkleProver(_store).ProveConsistency(5, 13).Value!;

        var second = signer.Sign(Current(), proof);

        Assert.True(first.IsSuccess);
        Assert.True(second.IsSuccess);
        var verified = CheckpointVerifier.Verify(second.Value!.ToBytes(), signer.VerifierKey, Origin);
        Assert.True(verified.IsSuccess);
        Assert.Equal(13, verified.Value!.TreeSize);
        Assert.Equal(_tree.RootHash(), verified.Value.RootHash.ToArray());
    }

    [Fact]
    public void Sign_ForkedTree_IsRefused()
    {
        var signer = NewSigner();
        Append(6);
        Assert.True(signer.Sign(Current(), null).IsSuccess);

        // A different history of the same length plus growth: the proof is for the real tree,
        // the checkpoint names another root.
        Append(4);
        var proof = new MerkleProver(_store).ProveConsistency(6, 10).Value!;
        var forged = new Checkpoint(Origin, 10, Rfc6962.HashLeaf("forged"u8));

        Assert.Equal(NoteError.Inconsistent, signer.Sign(forged, proof).Error);
        Assert.Equal(6, signer.Latest!.TreeSize);
    }

    [Fact]
    public void Sign_MissingOrMismatchedProof_IsRefused()
    {
        var signer = NewSigner();
        Append(3);
        Assert.True(signer.Sign(Current(), null).IsSuccess);
        Append(3);
        var wrongSizes = new MerkleProver(_store).ProveConsistency(2, 6).Value!;

        Assert.Equal(NoteError.Inconsistent, signer.Sign(Current(), null).Error);
        Assert.Equal(NoteError.Inconsistent, signer.Sign(Current(), wrongSizes).Error);
    }

    [Fact]
    public void Sign_SmallerTreeOrChangedRootAtSameSize_IsRefused()
    {
        var signer = NewSigner();
        Append(4);
        var four = Current();
        Append(1);
        Assert.True(signer.Sign(Current(), null).IsSuccess);

        Assert.Equal(NoteError.Inconsistent, signer.Sign(four, null).Error);
        Assert.Equal(NoteError.Inconsistent, signer.Sign(new Checkpoint(Origin, 5, Rfc6962.HashLeaf("x"u8)), null).Error);
        Assert.True(signer.Sign(Current(), null).IsSuccess);
    }

    [Fact]
    public void Sign_EmptyTreeWithNonEmptyRoot_IsRefused()
    {
        var signer = NewSigner();

        Assert.Equal(NoteError.Inconsistent, signer.Sign(new Checkpoint(Origin, 0, Rfc6962.HashLeaf("x"u8)), null).Error);
        Assert.True(signer.Sign(new Checkpoint(Origin, 0, Rfc6962.EmptyRoot.ToArray()), null).IsSuccess);
    }

    [Fact]
    public void Sign_FromEmptyCheckpoint_NeedsNoProof()
    {
        var signer = NewSigner();
        Assert.True(signer.Sign(Current(), null).IsSuccess);
        Append(3);

        Assert.True(signer.Sign(Current(), null).IsSuccess);
    }

    [Fact]
    public void Sign_OtherOrigin_IsRefused()
    {
        var signer = NewSigner();

        Assert.Equal(NoteError.OriginMismatch, signer.Sign(new Checkpoint("other/log", 0, Rfc6962.EmptyRoot.ToArray()), null).Error);
    }

    [Fact]
    public void Verify_WrongOriginOrKey_IsRejected()
    {
        var signer = NewSigner();
        Append(2);
        var note = signer.Sign(Current(), null).Value!.ToBytes();
        using var otherKey = TestEd25519Key.Generate();
        var stranger = new NoteSigner(Origin, otherKey).VerifierKey;

        Assert.Equal(NoteError.OriginMismatch, CheckpointVerifier.Verify(note, signer.VerifierKey, "other/log").Error);
        Assert.Equal(NoteError.NoTrustedSignature, CheckpointVerifier.Verify(note, stranger, Origin).Error);
        Assert.Equal(NoteError.MalformedNote, CheckpointVerifier.Verify(Encoding.UTF8.GetBytes("junk"), signer.VerifierKey, Origin).Error);
    }

    [Fact]
    public void VerifyExtends_GrowthWithProof_IsValidAndForkIsNot()
    {
        Append(9);
        var older = Current();
        Append(12);
        var newer = Current();
        var proof = new MerkleProver(_store).ProveConsistency(9, 21).Value!;
        var fork = new Checkpoint(Origin, 21, Rfc6962.HashLeaf("fork"u8));

        Assert.True(CheckpointVerifier.VerifyExtends(older, newer, proof).IsValid);
        Assert.True(CheckpointVerifier.VerifyExtends(newer, newer, null).IsValid);
        Assert.False(CheckpointVerifier.VerifyExtends(older, fork, proof).IsValid);
        Assert.False(CheckpointVerifier.VerifyExtends(newer, older, proof).IsValid);
        Assert.False(CheckpointVerifier.VerifyExtends(older, newer, null).IsValid);
    }

    private CheckpointSigner NewSigner() => new(Origin, new NoteSigner(Origin, _key));

    private Checkpoint Current() => new(Origin, _tree.Size, _tree.RootHash());

    private void Append(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _tree.AppendEntry(Encoding.UTF8.GetBytes($"entry {_tree.Size}"));
        }
    }
}

using Audit.Merkle;

namespace Audit.Tests.Merkle;

public sealed class SubtreeProofTests
{
    [Fact]
    public void ProveSubtreeConsistency_EveryValidSubtreeUpTo40_Verifies()
    {
        var (leaves, prover) = MerkleProverTests.Build(40, seed: 21);
        var checkedCount = 0;
        for (var size = 1; size <= leaves.Count; size++)
        {
            var root = NaiveMerkle.Root(leaves, 0, size);
            for (var start = 0; start < size; start++)
            {
                for (var end = start + 1; end <= size; end++)
                {
                    if (!SubtreeProofVerifier.IsValidSubtree(start, end))
                    {
                        Assert.False(prover.ProveSubtreeConsistency(start, end, size).IsSuccess);
                        continue;
                    }

                    var subtreeHash = NaiveMerkle.Root(leaves, start, end);
                    var proof = prover.ProveSubtreeConsistency(start, end, size);

                    Assert.True(proof.IsSuccess);
                    Assert.True(
                        SubtreeProofVerifier.VerifyConsistency(start, end, size, proof.Value!, subtreeHash, root).IsValid,
                        $"[{start}, {end}) in {size}");
                    if (end - start > 1)
                    {
                        // A wider subtree's hash is never its first leaf's hash.
                        Assert.False(SubtreeProofVerifier.VerifyConsistency(start, end, size, proof.Value!, leaves[start], root).IsValid);
                    }

                    checkedCount++;
                }
            }
        }

        Assert.True(checkedCount > 500);
    }

    [Fact]
    public void ProveSubtreeInclusion_EveryLeafOfEverySubtreeOf37_Verifies()
    {
        var (leaves, prover) = MerkleProverTests.Build(37, seed: 22);
        for (var start = 0; start < 37; start++)
        {
            for (var end = start + 1; end <= 37; end++)
            {
                if (!SubtreeProofVerifier.IsValidSubtree(start, end))
                {
                    continue;
                }

                var subtreeHash = NaiveMerkle.Root(leaves, start, end);
                for (var index = start; index < end; index++)
                {
                    var proof = prover.ProveSubtreeInclusion(index, start, end).Value!;

                    Assert.True(SubtreeProofVerifier.VerifyInclusion(index, start, end, leaves[index], proof.Path, subtreeHash).IsValid);
                }
            }
        }
    }

    [Theory]
    [InlineData(0, 1, true)]
    [InlineData(4, 8, true)]
    [InlineData(4, 7, true)]
    [InlineData(8, 13, true)]
    [InlineData(2, 5, false)]
    [InlineData(3, 5, false)]
    [InlineData(1, 1, false)]
    [InlineData(-1, 0, false)]
    [InlineData(0, long.MaxValue, true)]
    [InlineData(1, long.MaxValue, false)]
    public void IsValidSubtree_Ranges_FollowAlignmentRule(long start, long end, bool expected)
    {
        Assert.Equal(expected, SubtreeProofVerifier.IsValidSubtree(start, end));
    }
}

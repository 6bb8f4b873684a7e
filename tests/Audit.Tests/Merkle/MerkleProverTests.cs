using System.Diagnostics;
using Audit.Merkle;

namespace Audit.Tests.Merkle;

public sealed class MerkleProverTests
{
    [Fact]
    public void GetRootHash_EveryPrefixOfRandomTree_MatchesNaiveRoot()
    {
        var (leaves, prover) = Build(200, seed: 1);

        for (var n = 0; n <= leaves.Count; n++)
        {
            var root = prover.GetRootHash(n);
            Assert.True(root.IsSuccess);
            Assert.Equal(NaiveMerkle.Root(leaves, 0, n), root.Value);
        }
    }

    [Fact]
    public void ProveInclusion_AllLeavesOfRandomSizes_MatchesNaiveAndVerifies()
    {
        var random = new Random(2);
        var (leaves, prover) = Build(130, seed: 3);
        for (var trial = 0; trial < 20; trial++)
        {
            var n = random.Next(1, leaves.Count + 1);
            var root = NaiveMerkle.Root(leaves, 0, n);
            for (var m = 0; m < n; m++)
            {
                var proof = prover.ProveInclusion(m, n);
                Assert.True(proof.IsSuccess);
                Assert.Equal(NaiveMerkle.Path(leaves, m, 0, n), proof.Value!.Path);
                Assert.True(ProofVerifier.VerifyInclusion(proof.Value, leaves[m], root).IsValid);
            }
        }
    }

    [Fact]
    public void ProveConsistency_AllPairsUpTo50_MatchesNaiveAndVerifies()
    {
        var (leaves, prover) = Build(50, seed: 4);
        for (var n = 1; n <= leaves.Count; n++)
        {
            var root2 = NaiveMerkle.Root(leaves, 0, n);
            for (var m = 1; m <= n; m++)
            {
                var proof = prover.ProveConsistency(m, n);
                Assert.True(proof.IsSuccess);
                Assert.Equal(NaiveMerkle.Consistency(leaves, m, n), proof.Value!.Path);
                Assert.True(ProofVerifier.VerifyConsistency(proof.Value, NaiveMerkle.Root(leaves, 0, m), root2).IsValid);
            }
        }
    }

    [Fact]
    public void VerifyInclusion_AnyFlippedBit_IsRejected()
    {
        var (leaves, prover) = Build(37, seed: 5);
        var root = prover.GetRootHash(37).Value!;
        var proof = prover.ProveInclusion(21, 37).Value!;
        for (var i = 0; i < proof.Path.Count; i++)
        {
            var tampered = proof.Path.Select(p => p.ToArray()).ToList();
            tampered[i][7] ^= 0x10;
            Assert.Equal(
                VerificationFailure.RootMismatch,
                ProofVerifier.VerifyInclusion(21, 37, leaves[21], tampered, root).Failure);
        }

        Assert.False(ProofVerifier.VerifyInclusion(20, 37, leaves[21], proof.Path, root).IsValid);
    }

    [Fact]
    public void ProveInclusion_InvalidArguments_ReturnsErrorValue()
    {
        var (_, prover) = Build(10, seed: 6);

        Assert.Equal(ProofError.IndexOutOfRange, prover.ProveInclusion(10, 10).Error);
        Assert.Equal(ProofError.IndexOutOfRange, prover.ProveInclusion(-1, 10).Error);
        Assert.Equal(ProofError.SizeOutOfRange, prover.ProveInclusion(0, 11).Error);
        Assert.Equal(ProofError.InvalidSizes, prover.ProveConsistency(0, 5).Error);
        Assert.Equal(ProofError.InvalidSizes, prover.ProveConsistency(6, 5).Error);
        Assert.Equal(ProofError.SizeOutOfRange, prover.GetRootHash(11).Error);
    }

    [Fact]
    public void Resume_FromStoredEdge_ContinuesWithSameRoots()
    {
        var (leaves, _) = Build(0, seed: 7);
        var store = new InMemoryHashStore();
        var builder = new MerkleTreeBuilder(store);
        var entries = RandomEntries(100, seed: 8);
        foreach (var e in entries.Take(45))
        {
            builder.AppendEntry(e);
        }

        var resumed = MerkleTreeBuilder.Resume(store, store, 45)!;
        foreach (var e in entries.Skip(45))
        {
            resumed.AppendEntry(e);
        }

        var all = entries.Select(e => Rfc6962.HashLeaf(e)).ToList();
        Assert.Empty(leaves);
        Assert.Equal(NaiveMerkle.Root(all, 0, 100), resumed.RootHash());
        Assert.Equal(NaiveMerkle.Root(all, 0, 100), new MerkleProver(store).GetRootHash(100).Value);
    }

    [Fact]
    public void AppendEntry_WriterFails_LeavesBuilderUnchanged()
    {
        var writer = new FailingWriter();
        var builder = new MerkleTreeBuilder(writer);
        for (var i = 0; i < 7; i++)
        {
            builder.AppendEntry([(byte)i]);
        }

        var root = builder.RootHash();
        writer.FailAfter = 2;

        Assert.Throws<IOException>(() => builder.AppendEntry([7]));
        Assert.Equal(7, builder.Size);
        Assert.Equal(root, builder.RootHash());
    }

    [Fact]
    public void ProveInclusion_MillionLeafTree_TakesWellUnderOneMillisecond()
    {
        var store = new InMemoryHashStore();
        var builder = new MerkleTreeBuilder(store);
        Span<byte> leaf = stackalloc byte[Rfc6962.HashSize];
        for (var i = 0; i < 1_000_000; i++)
        {
            BitConverter.TryWriteBytes(leaf, i);
            builder.AppendLeafHash(leaf);
        }

        var prover = new MerkleProver(store);
        var root = builder.RootHash();
        var random = new Random(9);
        const int proofs = 2_000;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < proofs; i++)
        {
            Assert.True(prover.ProveInclusion(random.NextInt64(1_000_000), 1_000_000).IsSuccess);
        }

        stopwatch.Stop();
        var perProof = stopwatch.Elapsed / proofs;
        TestContext.Current.TestOutputHelper?.WriteLine($"inclusion proof in a 1,000,000-leaf tree: {perProof.TotalMicroseconds:F1} µs");
        Assert.True(perProof < TimeSpan.FromMilliseconds(0.5), $"{perProof.TotalMicroseconds:F1} µs per proof");

        var sample = prover.ProveInclusion(765_432, 1_000_000).Value!;
        BitConverter.TryWriteBytes(leaf, 765_432);
        Assert.True(ProofVerifier.VerifyInclusion(sample, leaf, root).IsValid);
    }

    internal static (List<byte[]> Leaves, MerkleProver Prover) Build(int count, int seed)
    {
        var store = new InMemoryHashStore();
        var builder = new MerkleTreeBuilder(store);
        var leaves = new List<byte[]>();
        foreach (var entry in RandomEntries(count, seed))
        {
            builder.AppendEntry(entry);
            leaves.Add(Rfc6962.HashLeaf(entry));
        }

        return (leaves, new MerkleProver(store));
    }

    private static List<byte[]> RandomEntries(int count, int seed)
    {
        var random = new Random(seed);
        var entries = new List<byte[]>();
        for (var i = 0; i < count; i++)
        {
            var entry = new byte[random.Next(0, 40)];
            random.NextBytes(entry);
            entries.Add(entry);
        }

        return entries;
    }

    private sealed class FailingWriter : IHashWriter
    {
        public int FailAfter { get; set; } = int.MaxValue;

        public void WriteHash(NodeId node, ReadOnlySpan<byte> hash)
        {
            if (FailAfter-- <= 0)
            {
                throw new IOException("storage failed");
            }
        }
    }
}

using Audit.Merkle;
using BenchmarkDotNet.Attributes;
using Benchmarks.Smoke;

namespace Audit.Benchmarks;

/// <summary>
/// Inclusion-proof latency on a durable log of 1,000,000 entries (SQLite), for a random leaf,
/// against the reference of the same proof from an in-memory hash store in the same run.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class InclusionProofBenchmarks
{
    // A smoke run proves the code path, not the latency at scale: a million appends would take
    // minutes of its seconds.
    private static readonly int Size = SmokeRun.Active ? 10_000 : 1_000_000;
    private const int Writers = 64;

    private AuditLogHost host = null!;
    private InMemoryHashStore memory = null!;
    private long size;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        host = await AuditLogHost.OpenAsync();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < Size)
            {
                await host.Trail.RecordAsync(AuditLogHost.Event(writer, next));
            }
        })));
        size = await host.Store.GetSizeAsync();

        memory = new InMemoryHashStore();
        var builder = new MerkleTreeBuilder(memory);
        for (long i = 0; i < size; i += 10_000)
        {
            var count = (int)Math.Min(10_000, size - i);
            var hashes = await host.Store.ReadHashesAsync([.. Enumerable.Range(0, count).Select(k => new NodeId(0, i + k))]);
            for (var k = 0; k < count; k++)
            {
                builder.AppendLeafHash(hashes[new NodeId(0, i + k)]);
            }
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(host.Directory, recursive: true);
    }

    [Benchmark(Description = "inclusion proof, durable log of 1M (SQLite)")]
    public Task<ProofResult<InclusionProof>> DurableProof()
    {
        var index = Random.Shared.NextInt64(size);
        return host.Hashes.RunAsync(size, reader => new MerkleProver(reader).ProveInclusion(index, size), CancellationToken.None);
    }

    [Benchmark(Baseline = true, Description = "inclusion proof, in-memory hash store of 1M")]
    public ProofResult<InclusionProof> InMemoryProof() =>
        new MerkleProver(memory).ProveInclusion(Random.Shared.NextInt64(size), size);
}

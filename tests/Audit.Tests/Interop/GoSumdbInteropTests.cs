using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Audit.Checkpoints;
using Audit.Merkle;
using Audit.Tests.Checkpoints;

namespace Audit.Tests.Interop;

/// <summary>Hands our checkpoints and proofs to Go's golang.org/x/mod/sumdb/note and tlog.</summary>
public sealed class GoSumdbInteropTests
{
    private const string Origin = "audit.example.gov/log";
    private const int Size = 77;

    // Go's tlog.Hash reads base64 straight from the JSON bytes, so '+' and '/' must not be escaped.
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task GoVerify_OurCheckpointAndProofs_Accepted()
    {
        SkipWithoutGo();
        var input = BuildInput(tamper: false);

        var (exitCode, output) = await RunVerifierAsync(input);

        Assert.True(exitCode == 0, output);
        Assert.Contains("ok", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GoVerify_TamperedProof_Rejected()
    {
        SkipWithoutGo();
        var input = BuildInput(tamper: true);

        var (exitCode, output) = await RunVerifierAsync(input);

        Assert.True(exitCode == 1, output);
        Assert.Contains("inclusion of", output, StringComparison.Ordinal);
    }

    private static void SkipWithoutGo()
    {
        if (GoToolchain.MissingReason() is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    private static async Task<(int, string)> RunVerifierAsync(Dictionary<string, object> input)
    {
        var dir = Directory.CreateTempSubdirectory("audit-go-interop-");
        try
        {
            var inputPath = Path.Combine(dir.FullName, "input.json");
            await File.WriteAllTextAsync(inputPath, JsonSerializer.Serialize(input, JsonOptions), TestContext.Current.CancellationToken);
            var source = Path.Combine(AppContext.BaseDirectory, "Interop", "go", "verify.go");
            return await GoToolchain.RunAsync(source, inputPath);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static Dictionary<string, object> BuildInput(bool tamper)
    {
        var store = new InMemoryHashStore();
        var tree = new MerkleTreeBuilder(store);
        var leafHashes = new List<byte[]>();
        var roots = new List<byte[]> { Rfc6962.EmptyRoot.ToArray() };
        for (var i = 0; i < Size; i++)
        {
            var entry = Encoding.UTF8.GetBytes($"{{\"index\":{i}}}");
            tree.AppendEntry(entry);
            leafHashes.Add(Rfc6962.HashLeaf(entry));
            roots.Add(tree.RootHash());
        }

        using var key = TestEd25519Key.Generate();
        var signer = new CheckpointSigner(Origin, new NoteSigner(Origin, key));
        var note = signer.Sign(new Checkpoint(Origin, Size, tree.RootHash()), null).Value!;
        var prover = new MerkleProver(store);

        var inclusion = new List<object>();
        foreach (var index in new[] { 0, 1, 31, 32, 63, 64, 75, 76 })
        {
            var path = prover.ProveInclusion(index, Size).Value!.Path.Select(Convert.ToBase64String).ToList();
            if (tamper && index == 63)
            {
                path[2] = Convert.ToBase64String(Rfc6962.HashLeaf("tampered"u8));
            }

            inclusion.Add(new { index, leafHash = Convert.ToBase64String(leafHashes[index]), proof = path });
        }

        var consistency = new List<object>();
        foreach (var size in new[] { 1, 2, 7, 32, 33, 64, 76, 77 })
        {
            var path = prover.ProveConsistency(size, Size).Value!.Path.Select(Convert.ToBase64String).ToList();
            consistency.Add(new { size, root = Convert.ToBase64String(roots[size]), proof = path });
        }

        return new Dictionary<string, object>
        {
            ["verifierKey"] = signer.VerifierKey.ToString(),
            ["origin"] = Origin,
            ["note"] = note.Format(),
            ["size"] = Size,
            ["root"] = Convert.ToBase64String(tree.RootHash()),
            ["inclusion"] = inclusion,
            ["consistency"] = consistency,
        };
    }
}

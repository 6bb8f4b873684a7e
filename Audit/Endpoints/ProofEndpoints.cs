using Audit.Merkle;
using Audit.Storage;
using Microsoft.AspNetCore.Http;
using Platform.Http;

namespace Audit.Endpoints;

/// <summary>Public proof endpoints: anyone holding a checkpoint may check it against the log.</summary>
internal static class ProofEndpoints
{
    public static async Task<IResult> InclusionAsync(string? index, string? size, IAuditStore store, TreeHashes hashes, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseIndex(index, out var leaf))
        {
            return Problems.Result(ProblemCodes.IndexInvalid, "index is a non-negative decimal integer.");
        }

        if (!QueryValues.TryParseIndex(size, out var treeSize))
        {
            return Problems.Result(ProblemCodes.SizeInvalid, "size is a non-negative decimal integer.");
        }

        var stored = await store.GetSizeAsync(cancellationToken);
        var proof = await hashes.RunAsync(stored, reader => new MerkleProver(reader).ProveInclusion(leaf, treeSize), cancellationToken);
        return proof.IsSuccess
            ? Results.Json(new InclusionProofResponse(leaf, treeSize, Encode(proof.Value!.Path)), AuditApiJsonContext.Default.InclusionProofResponse)
            : Problem(proof.Error, stored);
    }

    public static async Task<IResult> ConsistencyAsync(string? from, string? to, IAuditStore store, TreeHashes hashes, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryParseIndex(from, out var fromSize))
        {
            return Problems.Result(ProblemCodes.FromInvalid, "from is a non-negative decimal integer.");
        }

        if (!QueryValues.TryParseIndex(to, out var toSize))
        {
            return Problems.Result(ProblemCodes.ToInvalid, "to is a non-negative decimal integer.");
        }

        var stored = await store.GetSizeAsync(cancellationToken);
        var proof = await hashes.RunAsync(stored, reader => new MerkleProver(reader).ProveConsistency(fromSize, toSize), cancellationToken);
        return proof.IsSuccess
            ? Results.Json(new ConsistencyProofResponse(fromSize, toSize, Encode(proof.Value!.Path)), AuditApiJsonContext.Default.ConsistencyProofResponse)
            : Problem(proof.Error, stored);
    }

    private static string[] Encode(IReadOnlyList<byte[]> path) => [.. path.Select(Convert.ToBase64String)];

    private static IResult Problem(ProofError error, long stored) => error switch
    {
        ProofError.IndexOutOfRange => Problems.Result(ProblemCodes.IndexOutOfRange, "index must be below size."),
        ProofError.SizeOutOfRange => Problems.Result(ProblemCodes.SizeOutOfRange, $"The size must be between 1 and the log's size, {stored}."),
        ProofError.InvalidSizes => Problems.Result(ProblemCodes.SizesInvalid, "from must be at least 1 and not above to."),
        // The database lacks a hash it should hold: a storage fault, not the caller's.
        _ => Problems.Result(ProblemCodes.ProofUnavailable, "The proof cannot be computed from the stored tree."),
    };
}

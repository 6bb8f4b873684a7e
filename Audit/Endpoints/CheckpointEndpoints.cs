using Audit.Checkpoints;
using Audit.Publishing;
using Audit.Storage;
using Audit.TimeStamps;
using Microsoft.AspNetCore.Http;
using Platform.Http;
using System.Text;

namespace Audit.Endpoints;

/// <summary>The signed checkpoints, their time-stamp tokens and the verifier key, public so anyone can witness the log.</summary>
internal static class CheckpointEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>The latest checkpoint, or with <c>size</c> the one published for that tree size.</summary>
    public static async Task<IResult> GetAsync(string? size, ICheckpointPublisher publisher, IAuditStore store, CancellationToken cancellationToken)
    {
        if (size is null)
        {
            return publisher.LatestNote is { } note
                ? Results.Text(note, TextPlain)
                : Problems.Result(ProblemCodes.CheckpointUnavailable, "No checkpoint has been published yet.");
        }

        if (!QueryValues.TryParseIndex(size, out var treeSize))
        {
            return Problems.Result(ProblemCodes.SizeInvalid, "size is a non-negative decimal integer.");
        }

        return await store.GetCheckpointAsync(treeSize, cancellationToken) is { } stored
            ? Results.Text(stored.Note, TextPlain)
            : Problems.Result(ProblemCodes.CheckpointUnknown, $"No checkpoint was published for size {treeSize}.");
    }

    /// <summary>
    /// The TimeStampResp over the latest checkpoint (the one <c>GET /audit/checkpoint</c> serves
    /// now), or with <c>size</c> over the checkpoint of that tree size.
    /// </summary>
    public static async Task<IResult> TimeStampAsync(string? size, ICheckpointPublisher publisher, IAuditStore store, CancellationToken cancellationToken)
    {
        long treeSize;
        if (size is null)
        {
            if (LatestSize(publisher.LatestNote) is not { } latest)
            {
                return Problems.Result(ProblemCodes.CheckpointUnavailable, "No checkpoint has been published yet.");
            }

            treeSize = latest;
        }
        else if (!QueryValues.TryParseIndex(size, out treeSize))
        {
            return Problems.Result(ProblemCodes.SizeInvalid, "size is a non-negative decimal integer.");
        }

        var stored = await store.GetCheckpointAsync(treeSize, cancellationToken);
        if (stored is null)
        {
            return Problems.Result(ProblemCodes.CheckpointUnknown, $"No checkpoint was published for size {treeSize}.");
        }

        return stored.TimeStampToken is { } token
            ? Results.Bytes(TimeStampReply.Granted(token), TimeStampReply.MediaType)
            : Problems.Result(ProblemCodes.CheckpointTimeStampUnavailable,
                $"The checkpoint of size {treeSize} has no time-stamp token: the time-stamp authority did not grant one when it was published.");
    }

    public static async Task<IResult> PublishAsync(ICheckpointPublisher publisher, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(cancellationToken);
        return result.Outcome == PublishOutcome.Inconsistent
            ? Problems.Result(ProblemCodes.CheckpointInconsistent,
                "The stored log does not extend the last published checkpoint; no checkpoint was signed.")
            : Results.Text(result.Note, TextPlain);
    }

    public static IResult VerifierKey(ICheckpointPublisher publisher) => Results.Text(publisher.VerifierKey + "\n", TextPlain);

    // The publisher's own note, so the token served pairs with the checkpoint this node serves.
    private static long? LatestSize(string? note)
    {
        if (note is null)
        {
            return null;
        }

        var signed = SignedNote.Parse(Encoding.UTF8.GetBytes(note));
        return signed.IsSuccess && Checkpoint.Parse(signed.Value!.Text) is { IsSuccess: true } checkpoint ? checkpoint.Value!.TreeSize : null;
    }
}

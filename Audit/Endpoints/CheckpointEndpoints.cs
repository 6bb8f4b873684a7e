using Audit.Publishing;
using Microsoft.AspNetCore.Http;
using Platform.Http;

namespace Audit.Endpoints;

/// <summary>The signed checkpoint and its verifier key, public so anyone can witness the log.</summary>
internal static class CheckpointEndpoints
{
    private const string TextPlain = "text/plain; charset=utf-8";

    public static IResult Get(ICheckpointPublisher publisher) => publisher.LatestNote is { } note
        ? Results.Text(note, TextPlain)
        : Problems.Result(ProblemCodes.CheckpointUnavailable, "No checkpoint has been published yet.");

    public static async Task<IResult> PublishAsync(ICheckpointPublisher publisher, CancellationToken cancellationToken)
    {
        var result = await publisher.PublishAsync(cancellationToken);
        return result.Outcome == PublishOutcome.Inconsistent
            ? Problems.Result(ProblemCodes.CheckpointInconsistent,
                "The stored log does not extend the last published checkpoint; no checkpoint was signed.")
            : Results.Text(result.Note, TextPlain);
    }

    public static IResult VerifierKey(ICheckpointPublisher publisher) => Results.Text(publisher.VerifierKey + "\n", TextPlain);
}

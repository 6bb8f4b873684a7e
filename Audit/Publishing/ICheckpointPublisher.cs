using Audit.Checkpoints;

namespace Audit.Publishing;

/// <summary>Signs and serves the log's checkpoints.</summary>
public interface ICheckpointPublisher
{
    /// <summary>The log's origin line.</summary>
    string Origin { get; }

    /// <summary>The key that verifies the checkpoints.</summary>
    NoteVerifierKey VerifierKey { get; }

    /// <summary>The latest signed checkpoint note (C2SP signed note text), or null before the first.</summary>
    string? LatestNote { get; }

    /// <summary>Signs a checkpoint for the current tree if it grew and extends the latest one.</summary>
    Task<PublishResult> PublishAsync(CancellationToken cancellationToken = default);
}

using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Platform.Http;

/// <summary>The audit trail's codes: event search, proofs, checkpoints.</summary>
public static partial class ProblemCodes
{
    /// <summary>A search's <c>from</c> is not a time.</summary>
    public static readonly ProblemCode FromInvalid = new("from-invalid", Status400BadRequest, "from is an ISO 8601 time (event search) or a non-negative integer (consistency proof).");

    /// <summary>A search's <c>to</c> is not a time.</summary>
    public static readonly ProblemCode ToInvalid = new("to-invalid", Status400BadRequest, "to is an ISO 8601 time (event search) or a non-negative integer (consistency proof).");

    /// <summary><c>from</c> after <c>to</c>.</summary>
    public static readonly ProblemCode TimeRangeInvalid = new("time-range-invalid", Status400BadRequest, "from must not be after to.");

    /// <summary>An outcome that is not one of the outcomes.</summary>
    public static readonly ProblemCode OutcomeInvalid = new("outcome-invalid", Status400BadRequest, "outcome is one of success, failure, denied.");

    /// <summary>An index that is not a non-negative integer.</summary>
    public static readonly ProblemCode IndexInvalid = new("index-invalid", Status400BadRequest, "index is a non-negative decimal integer.");

    /// <summary>No entry at that index.</summary>
    public static readonly ProblemCode EventUnknown = new("event-unknown", Status404NotFound, "The log has no entry at that index.");

    /// <summary>A size that is not a non-negative integer.</summary>
    public static readonly ProblemCode SizeInvalid = new("size-invalid", Status400BadRequest, "size is a non-negative decimal integer.");

    /// <summary>An index at or beyond the size.</summary>
    public static readonly ProblemCode IndexOutOfRange = new("index-out-of-range", Status400BadRequest, "index must be below size.");

    /// <summary>A size beyond the log.</summary>
    public static readonly ProblemCode SizeOutOfRange = new("size-out-of-range", Status400BadRequest, "The size is not between 1 and the log's size.");

    /// <summary>Consistency proof sizes out of order.</summary>
    public static readonly ProblemCode SizesInvalid = new("sizes-invalid", Status400BadRequest, "from must be at least 1 and not above to.");

    /// <summary>The stored tree cannot give the proof.</summary>
    public static readonly ProblemCode ProofUnavailable = new("proof-unavailable", Status503ServiceUnavailable, "The proof cannot be computed from the stored tree.");

    /// <summary>No checkpoint published yet.</summary>
    public static readonly ProblemCode CheckpointUnavailable = new("checkpoint-unavailable", Status503ServiceUnavailable, "No checkpoint has been published yet.");

    /// <summary>The log no longer extends its last checkpoint.</summary>
    public static readonly ProblemCode CheckpointInconsistent = new("checkpoint-inconsistent", Status409Conflict,
        "The stored log is not consistent with the last published checkpoint; nothing is signed over it.");

    /// <summary>No checkpoint was published for the requested tree size.</summary>
    public static readonly ProblemCode CheckpointUnknown = new("checkpoint-unknown", Status404NotFound,
        "No checkpoint was published for that tree size; checkpoints are published at the sizes the log had on each publication.");

    /// <summary>The checkpoint carries no time-stamp token.</summary>
    public static readonly ProblemCode CheckpointTimeStampUnavailable = new("checkpoint-timestamp-unavailable", Status404NotFound,
        "The checkpoint has no time-stamp token: the time-stamp authority did not grant one when it was published (the latest checkpoint's is asked for again at each publication).");
}

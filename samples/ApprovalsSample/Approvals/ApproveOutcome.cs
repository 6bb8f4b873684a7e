namespace ApprovalsSample.Approvals;

/// <summary>What became of a request to approve.</summary>
public enum ApproveOutcome
{
    /// <summary>It was pending and is now approved.</summary>
    Approved,

    /// <summary>There is no approval with that id.</summary>
    Unknown,

    /// <summary>It was approved already; the first approval stands.</summary>
    NotPending,
}

namespace ApprovalsSample.Approvals;

/// <summary>The states of an <see cref="Approval"/>.</summary>
public static class ApprovalStatus
{
    /// <summary>Waiting for an approver.</summary>
    public const string Pending = "pending";

    /// <summary>Approved; the approval names who and when.</summary>
    public const string Approved = "approved";
}

namespace ApprovalsSample.Approvals;

/// <summary>The outcome of <see cref="IApprovalStore.Approve"/> and the approval as it now stands (null when unknown).</summary>
public sealed record ApproveResult(ApproveOutcome Outcome, Approval? Approval);

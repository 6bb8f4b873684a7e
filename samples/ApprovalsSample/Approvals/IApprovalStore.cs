namespace ApprovalsSample.Approvals;

/// <summary>Where the approvals are kept. Implementations are thread-safe.</summary>
public interface IApprovalStore
{
    /// <summary>Every approval, in id order.</summary>
    IReadOnlyList<Approval> List();

    /// <summary>The approval with <paramref name="id"/>, or null.</summary>
    Approval? Find(string id);

    /// <summary>
    /// Approves a pending approval as <paramref name="approver"/> at <paramref name="at"/> under
    /// <paramref name="policies"/>. An approval is approved once: a second approval changes nothing
    /// and answers <see cref="ApproveOutcome.NotPending"/>.
    /// </summary>
    ApproveResult Approve(string id, Approver approver, DateTimeOffset at, IReadOnlyList<string> policies);
}

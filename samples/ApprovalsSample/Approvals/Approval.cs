namespace ApprovalsSample.Approvals;

/// <summary>One application for approval (a licence, a permit) and, once approved, by whom and when.</summary>
/// <param name="Id">Its id, also its Cedar resource id (<c>Approval::"&lt;id&gt;"</c>).</param>
/// <param name="Title">What is applied for.</param>
/// <param name="Applicant">Who applied.</param>
/// <param name="Status"><see cref="ApprovalStatus.Pending"/> or <see cref="ApprovalStatus.Approved"/>.</param>
/// <param name="ApprovedBy">Who approved it, as the gateway's signed identity named them; null while pending.</param>
/// <param name="ApprovedAt">When it was approved; null while pending.</param>
/// <param name="Policies">The platform's policies that allowed the approval, as the gateway signed them.</param>
public sealed record Approval(
    string Id, string Title, string Applicant, string Status, Approver? ApprovedBy, DateTimeOffset? ApprovedAt, IReadOnlyList<string> Policies);

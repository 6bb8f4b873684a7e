namespace ApprovalsSample.Approvals;

/// <summary>
/// The sample's store: in memory, seeded with a few pending approvals, lost when the application
/// stops. A real application keeps them in its database; nothing else changes.
/// </summary>
internal sealed class InMemoryApprovalStore : IApprovalStore
{
    private static readonly Approval[] Seed =
    [
        Pending("a-1", "Street-vendor licence, Jiefang Road night market", "Li Na"),
        Pending("a-2", "Building permit, 14 Heping Street (two-storey extension)", "Zhao Lei"),
        Pending("a-3", "Road closure for the Dragon Boat Festival parade", "Riverside District Office"),
        Pending("a-4", "Outdoor seating, Lotus Tea House", "Chen Jing"),
    ];

    private readonly Lock gate = new();
    private readonly SortedDictionary<string, Approval> approvals = new(Seed.ToDictionary(a => a.Id, StringComparer.Ordinal), StringComparer.Ordinal);

    public IReadOnlyList<Approval> List()
    {
        lock (gate)
        {
            return [.. approvals.Values];
        }
    }

    public Approval? Find(string id)
    {
        lock (gate)
        {
            return approvals.GetValueOrDefault(id);
        }
    }

    public ApproveResult Approve(string id, Approver approver, DateTimeOffset at, IReadOnlyList<string> policies)
    {
        lock (gate)
        {
            if (!approvals.TryGetValue(id, out var approval))
            {
                return new ApproveResult(ApproveOutcome.Unknown, null);
            }

            if (approval.Status != ApprovalStatus.Pending)
            {
                return new ApproveResult(ApproveOutcome.NotPending, approval);
            }

            var approved = approval with { Status = ApprovalStatus.Approved, ApprovedBy = approver, ApprovedAt = at, Policies = [.. policies] };
            approvals[id] = approved;
            return new ApproveResult(ApproveOutcome.Approved, approved);
        }
    }

    private static Approval Pending(string id, string title, string applicant) => new(id, title, applicant, ApprovalStatus.Pending, null, null, []);
}

namespace ApprovalsSample.Approvals;

/// <summary>Who approved, exactly as the gateway's verified identity names the caller.</summary>
/// <param name="Kind"><c>person</c>, <c>application</c> or <c>certificate</c>.</param>
/// <param name="Id">The person's login, the application's client id or the certificate's serial.</param>
public sealed record Approver(string Kind, string Id);

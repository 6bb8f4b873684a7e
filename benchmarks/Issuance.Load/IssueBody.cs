namespace Issuance.Load;

/// <summary>The body of <c>POST /pki/certificates</c>.</summary>
internal sealed record IssueBody(string Csr, string Profile);

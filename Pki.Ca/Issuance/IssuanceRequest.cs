using Platform.Auditing;

namespace Pki.Ca.Issuance;

/// <summary>A request for a certificate from a PEM CSR.</summary>
/// <param name="CsrPem">The PKCS#10 request, PEM.</param>
/// <param name="Profile">The profile name.</param>
/// <param name="Requester">Who asks, for the repository and the audit trail.</param>
/// <param name="SourceAddress">The caller's address.</param>
/// <param name="RequestId">The request's trace id.</param>
/// <param name="Ca">The issuing CA asked for; null for the profile's.</param>
public sealed record IssuanceRequest(
    string? CsrPem, string? Profile, AuditActor Requester, string? SourceAddress = null, string? RequestId = null, string? Ca = null);

using Platform.Auditing;

namespace Pki.Ca.Revocation;

/// <summary>A request to revoke a certificate, or (reason <c>removeFromCRL</c>) to lift a hold.</summary>
/// <param name="SerialNumber">The certificate's serial number, hex.</param>
/// <param name="Reason">An RFC 5280 reason name.</param>
/// <param name="InvalidityDate">When the key was known or suspected compromised, if known.</param>
/// <param name="Requester">Who asks.</param>
/// <param name="SourceAddress">The caller's address.</param>
/// <param name="RequestId">The request's trace id.</param>
public sealed record RevocationRequest(
    string? SerialNumber, string? Reason, DateTimeOffset? InvalidityDate, AuditActor Requester, string? SourceAddress = null, string? RequestId = null);

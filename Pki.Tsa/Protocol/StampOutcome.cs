namespace Pki.Tsa.Protocol;

/// <summary>A DER TimeStampResp and what the audit trail records of it.</summary>
/// <param name="Response">The TimeStampResp.</param>
/// <param name="Granted">Whether it carries a token.</param>
/// <param name="Failure">For a rejection: the PKIFailureInfo name (badAlg, badRequest, badDataFormat, timeNotAvailable, unacceptedPolicy, unacceptedExtension, systemFailure).</param>
/// <param name="Reason">A readable statusString.</param>
/// <param name="SerialNumber">The token's serial (lowercase hex).</param>
/// <param name="HashAlgorithm">The imprint's hash algorithm.</param>
/// <param name="Imprint">The imprint, lowercase hex.</param>
/// <param name="Policy">The token's policy OID.</param>
/// <param name="GenTime">The token's genTime.</param>
public sealed record StampOutcome(
    byte[] Response, bool Granted, string? Failure, string? Reason,
    string? SerialNumber = null, string? HashAlgorithm = null, string? Imprint = null, string? Policy = null, DateTimeOffset? GenTime = null);
